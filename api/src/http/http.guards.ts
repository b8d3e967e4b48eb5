import type { RequestHandler, Response } from 'express';
import { FILE_MAX_BYTES, FILES_PATH, renderMessage } from '@promesse/shared';
import { localeFromAcceptLanguage } from '../core/locale';

/** The one request-body limit, for every route and content type. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
export const BODY_LIMIT_LABEL = '1 Mo';

/**
 * The one exception: a file upload (POST /files, multipart) may carry the largest accepted file plus its multipart
 * envelope. The upload route also counts the bytes it reads, so a chunked body is bounded by the same figure.
 */
export const UPLOAD_BODY_LIMIT_BYTES = FILE_MAX_BYTES + 64 * 1024;
/** What the refusal of an upload says: the file cap (the envelope allowance is ours, not the user's concern). */
export const UPLOAD_BODY_LIMIT_LABEL = '5 Mo';

/** The body limit of a request: the upload limit for a file upload, the one limit otherwise. */
export function bodyLimitOf(method: string | undefined, path: string): number {
  return method === 'POST' && path === FILES_PATH ? UPLOAD_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

// What the GraphQL endpoint parses (and nothing else): JSON, including application/graphql+json.
export const GRAPHQL_BODY_TYPES = ['application/json', 'application/*+json'];

function refuse(res: Response, status: number, code: string, reason: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, reason } }] });
}

export function bodyTooLarge(res: Response, acceptLanguage: string | undefined, label = BODY_LIMIT_LABEL): void {
  const locale = localeFromAcceptLanguage(acceptLanguage);
  refuse(
    res,
    413,
    'BAD_USER_INPUT',
    'security.bodyTooLarge',
    renderMessage('security.bodyTooLarge', { limit: label }, locale),
  );
}

/**
 * Refuses a declared body over the limit before a byte of it is read, on every route. Bodies without a length
 * (chunked) are bounded where they are read: the only body parser (GraphQL's) has the same limit.
 */
export function bodyLimit(): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const limit = bodyLimitOf(req.method, req.path);
    if (declared > limit) {
      // The rest of the upload is not wanted: close the connection once the answer is out.
      res.setHeader('Connection', 'close');
      bodyTooLarge(
        res,
        req.headers['accept-language'],
        limit === BODY_LIMIT_BYTES ? BODY_LIMIT_LABEL : UPLOAD_BODY_LIMIT_LABEL,
      );
      return;
    }
    next();
  };
}

/**
 * CSRF: a cross-site form or a no-cors fetch can only send "simple" content types (form-urlencoded, multipart,
 * text/plain) without a CORS preflight. GraphQL POSTs must be JSON, so those never reach a resolver.
 */
export function graphqlContentTypeGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.is(GRAPHQL_BODY_TYPES)) {
      next();
      return;
    }
    const locale = localeFromAcceptLanguage(req.headers['accept-language']);
    refuse(
      res,
      415,
      'BAD_USER_INPUT',
      'security.unsupportedContentType',
      renderMessage('security.unsupportedContentType', {}, locale),
    );
  };
}
