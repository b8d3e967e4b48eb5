/** SIREN of La Poste: its establishments' SIRETs do not follow the Luhn rule (see isValidSiret). */
export const LA_POSTE_SIREN = '356000000';

/** Luhn checksum over a string of digits (rightmost digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Completes 13 digits with the Luhn check digit (fixtures, demo and synthetic data need valid SIRETs). */
export function withLuhnCheckDigit(base13: string): string {
  if (!/^\d{13}$/.test(base13)) throw new Error(`13 digits expected, got "${base13}"`);
  for (let check = 0; check < 10; check++) {
    const candidate = `${base13}${check}`;
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error(`no Luhn check digit for ${base13}`); // unreachable: one digit in ten always fits
}

/** Removes the spaces, dots and dashes people type in SIRETs ("732 829 320 00074"). */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/**
 * A SIRET is 14 digits whose Luhn checksum is valid. La Poste's establishments (SIREN 356000000) are numbered
 * past what Luhn allows, so INSEE checks them differently: the sum of the 14 digits is a multiple of 5.
 * Both are accepted. Input must already be normalised (digits only).
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (luhnValid(siret)) return true;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const c of siret) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return false;
}
