import { studentProfileSchema } from '../student/student.schemas';
import { applyToJobPromiseSchema } from '../application/application.schemas';
import { dateInputSchema, descriptionSchema, nameSchema, TEXT_LIMITS } from './common.schemas';
import { isInvisibleOnly, text } from './common.text';

// Issue 13, item 9: every free text refuses NUL and control characters, lone surrogates and invisible-only text,
// has a length limit; dates are real calendar days in a plausible range.

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : (r.error?.issues[0]?.message ?? null);

describe('text()', () => {
  it('refuses NUL, control characters, lone surrogates and invisible-only text, with coded messages', () => {
    expect(firstMessage(nameSchema.safeParse('Ana\u0000is'))).toMatch(/Caractère interdit/);
    expect(firstMessage(nameSchema.safeParse('Ana\u0007'))).toMatch(/Caractère interdit/);
    expect(firstMessage(nameSchema.safeParse('Ana\ud800'))).toMatch(/mal encodé/);
    expect(firstMessage(nameSchema.safeParse('\udc00Ana'))).toMatch(/mal encodé/);
    for (const invisible of ['\u200b\u200b', '\u2800', '\u3164', '\u200d\ufe0f', '\u0301', '\u00a0\u2060\ufeff']) {
      expect(firstMessage(nameSchema.safeParse(invisible))).toMatch(/invisibles/);
    }
    expect(isInvisibleOnly('a\u200b')).toBe(false);
  });

  it('keeps real text: accents, emoji (surrogate pairs), line breaks where multi-line', () => {
    expect(nameSchema.parse('  Zoé-Léa 👩‍🔧 ')).toBe('Zoé-Léa 👩‍🔧');
    expect(descriptionSchema.parse('Ligne 1\nLigne 2\tfin')).toBe('Ligne 1\nLigne 2\tfin');
    expect(nameSchema.safeParse('Ligne 1\nLigne 2').success).toBe(false);
  });

  it('bounds every free text', () => {
    expect(text(5).safeParse('123456').success).toBe(false);
    const long = applyToJobPromiseSchema.safeParse({ jobPromiseId: 'a'.repeat(24), message: 'x'.repeat(10_000) });
    expect(long.success).toBe(false);
    expect(firstMessage(long)).toMatch(String(TEXT_LIMITS.message));
  });
});

describe('dates', () => {
  it('refuses impossible calendar days instead of rolling them over, with or without a time', () => {
    for (const v of ['2027-02-30', '2027-02-29', '2027-04-31', '2027-02-30T10:00:00Z', '2027-13-01']) {
      expect(dateInputSchema.safeParse(v).success).toBe(false);
    }
    expect(dateInputSchema.parse('2028-02-29').toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(dateInputSchema.safeParse('0025-01-01').success).toBe(false);
    expect(dateInputSchema.safeParse('2199-01-01').success).toBe(false);
  });

  it('graduation and availability dates lie within a plausible range around today', () => {
    const year = new Date().getUTCFullYear();
    expect(studentProfileSchema.safeParse({ graduationDate: `${year + 1}-06-30` }).success).toBe(true);
    expect(firstMessage(studentProfileSchema.safeParse({ graduationDate: `${year + 40}-06-30` }))).toMatch(
      /hors de la période plausible/,
    );
    expect(studentProfileSchema.safeParse({ graduationDate: '1950-06-30' }).success).toBe(false);
    expect(studentProfileSchema.safeParse({ availableFrom: `${year + 30}-01-01` }).success).toBe(false);
  });
});
