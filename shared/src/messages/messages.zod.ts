import type { MessageKey } from './messages.catalog';
import { renderMessage, type MessageParams } from './messages.render';

/**
 * A zod error param whose text is the catalog's `key`, rendered when a value fails to parse (not when the schema is
 * built), so each parse speaks the active locale: the request's on the API, the UI's on the web.
 * `z.string(msg('validation.textExpected'))`, `.max(n, msg('validation.maxChars', { max: n }))`.
 */
export function msg(key: MessageKey, params?: MessageParams): { error: () => string } {
  return { error: () => renderMessage(key, params) };
}
