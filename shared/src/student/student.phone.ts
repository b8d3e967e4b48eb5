import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { renderMessage } from '../messages/messages.render';

// A French phone number as people write it: 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78,
// 0033 6 12 34 56 78. Stored and shown in one form, "06 12 34 56 78".
const FRENCH_PHONE = /^(?:\+33|0033|0)\s*\(?0?\)?\s*([1-9])((?:[\s.-]*\d{2}){4})$/;

/** "06 12 34 56 78", or null when the text is not a French number. */
export function normalizeFrenchPhone(text: string): string | null {
  const match = FRENCH_PHONE.exec(text.trim());
  if (!match) return null;
  const digits = `0${match[1]}${(match[2] ?? '').replace(/\D/g, '')}`;
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

export const frenchPhoneSchema = z
  .string(msg('validation.textExpected'))
  .trim()
  .transform((text, ctx) => {
    const phone = normalizeFrenchPhone(text);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: renderMessage('validation.frenchPhone') });
      return z.NEVER;
    }
    return phone;
  });
