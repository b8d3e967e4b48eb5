import * as z from 'zod';
import { msg } from '../messages/messages.zod';

// Input hygiene for every free text (issue 13, item 9): one helper, used by every free-text field of the shared
// schemas, so the web refuses what the API refuses and says why first.

/* eslint-disable no-control-regex -- refusing control characters is the point of these two patterns. */
/** NUL and the other C0/C1 controls; tab, line feed and carriage return are allowed only in multi-line text. */
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/* eslint-enable no-control-regex */
/** A UTF-16 surrogate half with no partner: not text (it cannot even be encoded as UTF-8). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Characters that show nothing: white space, format characters (zero-width space/joiners, bidi marks, BOM…),
 * combining marks on their own, Hangul fillers, the Braille blank, variation selectors.
 */
// eslint-disable-next-line no-misleading-character-class -- each invisible character is listed on its own on purpose.
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800\ufe00-\ufe0f]/gu;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** True when nothing of `s` would show (empty included). */
export function isInvisibleOnly(s: string): boolean {
  return s.replace(INVISIBLE, '') === '';
}

export interface TextOptions {
  /** Fewest characters after trimming (default 1: required). */
  min?: number;
  /** Line breaks and tabs allowed (descriptions, messages, notes). */
  multiline?: boolean;
}

/**
 * A free text: trimmed; at most `max` characters; no NUL or control character, no lone surrogate, not made only of
 * invisible characters. Each refusal has its own message key.
 */
export function text(max: number, options: TextOptions = {}) {
  const min = options.min ?? 1;
  const control = options.multiline ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE;
  return z
    .string(msg('validation.textExpected'))
    .trim()
    .max(max, msg('validation.maxChars', { max }))
    .refine((s) => !hasLoneSurrogate(s), msg('validation.textMalformed'))
    .refine((s) => !control.test(s), msg('validation.controlCharacter'))
    .refine((s) => s === '' || !isInvisibleOnly(s), msg('validation.invisibleOnly'))
    .refine((s) => s.length >= min, min <= 1 ? msg('validation.required') : msg('validation.minChars', { min }));
}
