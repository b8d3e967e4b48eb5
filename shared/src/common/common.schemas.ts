import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { renderMessage } from '../messages/messages.render';
import { text } from './common.text';

/** Length limits of free-text fields, shared by API validation, database schemas and web forms. */
export const TEXT_LIMITS = {
  name: 100,
  /** A user's display name built from first + last name (both at most `name`): never the limit a user meets. */
  displayName: 201,
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

/** Trimmed one-line text of `min`..`max` characters (after trimming), with input hygiene (common.text.ts). */
export function boundedString(max: number, min = 1) {
  return text(max, { min });
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
export const descriptionSchema = text(TEXT_LIMITS.description, { multiline: true });
export const messageSchema = text(TEXT_LIMITS.message, { multiline: true });
export const noteSchema = text(TEXT_LIMITS.note, { multiline: true });
export const reasonSchema = text(TEXT_LIMITS.reason, { multiline: true });
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
  .max(TEXT_LIMITS.passwordMax, msg('validation.maxChars', { max: TEXT_LIMITS.passwordMax }))
  // One character repeated ("aaaaaaaaaa", "          ") is no password; the API also refuses the most common ones.
  .refine((p) => new Set(p).size > 1, msg('validation.passwordRepeated'));

/** No date the app deals with lies outside these years (a typo such as 20255-01-01 or 0025-01-01 is refused). */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2100;

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
    // The calendar day must exist, or '2025-02-30' (alone or with a time) would silently become 2 March.
    const day = v.slice(0, 10);
    const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
    const calendar = new Date(Date.UTC(y, m - 1, dd));
    calendar.setUTCFullYear(y);
    if (Number.isNaN(d.getTime()) || calendar.toISOString().slice(-24, -14) !== day) {
      ctx.addIssue({ code: 'custom', message: renderMessage('validation.dateInvalid') });
      return z.NEVER;
    }
    return d;
  })
  .pipe(z.date(msg('validation.dateInvalid')))
  .refine(
    (d) => d.getUTCFullYear() >= DATE_YEAR_MIN && d.getUTCFullYear() <= DATE_YEAR_MAX,
    msg('validation.dateOutOfRange', { from: `${DATE_YEAR_MIN}-01-01`, to: `${DATE_YEAR_MAX}-12-31` }),
  );

/**
 * A date within `past` years before and `future` years after today (read when parsing): graduation dates, dates of
 * availability, start dates. Outside: validation.dateOutOfRange with the bounds.
 */
export function plausibleDate(range: { pastYears: number; futureYears: number }) {
  return dateInputSchema.superRefine((d, ctx) => {
    const today = startOfUtcDay(new Date());
    const from = addUtcYears(today, -range.pastYears);
    const to = addUtcYears(today, range.futureYears);
    if (d.getTime() < from.getTime() || d.getTime() > to.getTime()) {
      ctx.addIssue({
        code: 'custom',
        message: renderMessage('validation.dateOutOfRange', {
          from: from.toISOString().slice(0, 10),
          to: to.toISOString().slice(0, 10),
        }),
      });
    }
  });
}

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
export const byIdInputSchema = z.object({ id: z.string().max(100) });
export type ByIdInput = z.infer<typeof byIdInputSchema>;
