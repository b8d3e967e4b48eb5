import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { renderMessage } from '../messages/messages.render';

/** Length limits of free-text fields, shared by API validation, database schemas and web forms. */
export const TEXT_LIMITS = {
  name: 100,
  title: 120,
  description: 5000,
  message: 2000,
  note: 2000,
  reason: 2000,
  skill: 50,
  skills: 30,
  searchText: 200,
  email: 254,
  passwordMin: 10,
  passwordMax: 200,
} as const;

/** MongoDB ObjectId as 24 hex characters (normalised to lower case). */
export const OBJECT_ID_PATTERN = /^[0-9a-fA-F]{24}$/;
export const idSchema = z
  .string(msg('validation.invalidId'))
  .regex(OBJECT_ID_PATTERN, msg('validation.invalidId'))
  .transform((s) => s.toLowerCase());
export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID_PATTERN.test(value);
}

/** Trimmed string of `min`..`max` characters (after trimming), with messages in the active locale. */
export function boundedString(max: number, min = 1) {
  return z
    .string(msg('validation.textExpected'))
    .trim()
    .min(min, min <= 1 ? msg('validation.required') : msg('validation.minChars', { min }))
    .max(max, msg('validation.maxChars', { max }));
}

/**
 * An optional input field: `undefined`, `null` (GraphQL clients send it) and, for strings, blank text all
 * come out as `undefined`, so the API sees one "absent" value.
 */
export function optionalInput<T extends z.ZodType>(schema: T): OptionalInput<T> {
  const absentToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
  // Typed as an optional field (input `T | null | undefined`, output `T | undefined`, optional object key) so
  // forms and resolvers get precise types; at run time it is a preprocess pipe.
  return z.preprocess(absentToUndefined, schema.optional()) as unknown as OptionalInput<T>;
}
export type OptionalInput<T extends z.ZodType> = z.ZodOptional<z.ZodType<z.output<T>, z.input<T> | null>>;

export const nameSchema = boundedString(TEXT_LIMITS.name);
export const titleSchema = boundedString(TEXT_LIMITS.title);
export const descriptionSchema = boundedString(TEXT_LIMITS.description);
export const messageSchema = boundedString(TEXT_LIMITS.message);
export const noteSchema = boundedString(TEXT_LIMITS.note);
export const reasonSchema = boundedString(TEXT_LIMITS.reason);
export const citySchema = boundedString(TEXT_LIMITS.name);

export const skillSchema = boundedString(TEXT_LIMITS.skill);
/** Up to 30 skills; duplicates (ignoring case and accents) are dropped, first spelling kept. */
export const skillsSchema = z
  .array(skillSchema, msg('validation.skillsExpected'))
  .max(TEXT_LIMITS.skills, msg('validation.maxSkills', { max: TEXT_LIMITS.skills }))
  .transform((skills) => {
    const seen = new Set<string>();
    return skills.filter((s) => {
      const key = normalizeText(s);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

/** Lower case, accents stripped, inner whitespace collapsed: for comparing skills and search terms. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export const emailSchema = z
  .string(msg('validation.emailExpected'))
  .trim()
  .toLowerCase()
  .max(TEXT_LIMITS.email, msg('validation.maxChars', { max: TEXT_LIMITS.email }))
  .pipe(z.email(msg('validation.emailInvalid')));

/** A new password. Not trimmed: spaces are legitimate password characters. */
export const passwordSchema = z
  .string(msg('validation.passwordExpected'))
  .min(TEXT_LIMITS.passwordMin, msg('validation.minChars', { min: TEXT_LIMITS.passwordMin }))
  .max(TEXT_LIMITS.passwordMax, msg('validation.maxChars', { max: TEXT_LIMITS.passwordMax }));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A date given as a Date, an ISO date (`2025-09-01`, read as midnight UTC) or an ISO date-time with an offset.
 * Outputs a Date.
 */
export const dateInputSchema = z
  .union([z.date(), z.string().trim()], msg('validation.dateExpected'))
  .transform((v, ctx) => {
    if (v instanceof Date) return v;
    if (!ISO_DATE.test(v) && !ISO_DATE_TIME.test(v)) {
      ctx.addIssue({ code: 'custom', message: renderMessage('validation.dateFormat') });
      return z.NEVER;
    }
    const d = new Date(v);
    // Date-only inputs must round-trip, or '2025-02-30' would silently become 2 March.
    if (Number.isNaN(d.getTime()) || (ISO_DATE.test(v) && d.toISOString().slice(0, 10) !== v)) {
      ctx.addIssue({ code: 'custom', message: renderMessage('validation.dateInvalid') });
      return z.NEVER;
    }
    return d;
  })
  .pipe(z.date(msg('validation.dateInvalid')));

/** Midnight UTC of the day of `d`. Date-only inputs are read as midnight UTC, so "today" is compared the same way. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** `d` plus `years` calendar years (UTC). */
export function addUtcYears(d: Date, years: number): Date {
  const out = new Date(d.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Relay-style pagination arguments. */
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
export const paginationSchema = z.object({
  first: optionalInput(
    z
      .number(msg('validation.numberExpected'))
      .int(msg('validation.integerExpected'))
      .min(1, msg('validation.atLeast', { min: 1 }))
      .max(PAGE_SIZE_MAX, msg('validation.atMost', { max: PAGE_SIZE_MAX })),
  ),
  after: optionalInput(z.string(msg('validation.cursorInvalid')).max(200, msg('validation.cursorInvalid'))),
});
export type PaginationInput = z.infer<typeof paginationSchema>;

/**
 * Input naming one record by id. Any string: a malformed id designates nothing, so lookups answer NOT_FOUND for it
 * exactly as for an unknown one (the contract's "unknown or malformed id: NOT_FOUND").
 */
export const byIdInputSchema = z.object({ id: z.string() });
export type ByIdInput = z.infer<typeof byIdInputSchema>;
