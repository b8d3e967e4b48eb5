import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import {
  FILE_RULES,
  FILES_PATH,
  isAppError,
  renderMessage,
  uploadFileSchema,
  type AppError,
  type FilePurpose,
} from '@promesse/shared';
import type { AppDeps } from '../../core/deps';
import { localeFromAcceptLanguage, setScopeLocale, withLocale } from '../../core/locale';
import { UPLOAD_BODY_LIMIT_BYTES } from '../../http/http.guards';
import type { Logger } from '../../logger';
import { authenticate } from '../auth/auth.context';
import { createAuthLoaders } from '../auth/auth.loaders';
import { bearerToken } from '../auth/auth.token';
import { openFileStream } from './file.queries';
import { readFile, uploadFile } from './file.use-cases';

// Files travel outside GraphQL, on their own route (plain Node handlers, mounted by the app):
//   POST /files?purpose=CV | ?purpose=ATTACHMENT&applicationId=…   multipart/form-data, one part named "file"
//   GET  /files/:id                                                  the bytes, streamed from GridFS
// Why not GraphQL multipart uploads: /graphql accepts JSON only, which is its CSRF defence (a cross-site form can
// post multipart without a preflight); opening it to multipart would weaken every mutation. This route reads the
// Bearer token only (never a cookie), so a cross-site page cannot upload or read in the user's name, and it has the
// one body limit of the app raised for uploads only (http.guards.ts UPLOAD_BODY_LIMIT_BYTES), counted as it reads.
// busboy streams the multipart parts and stops counting a part at the purpose's size cap.

type Next = (error?: unknown) => void;
export type HttpHandler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const ID_PATH = new RegExp(`^${FILES_PATH}/([0-9a-fA-F]{24})$`);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: AppError): void {
  // A file over its cap is a 413, like a body over the app's limit; the code stays BAD_USER_INPUT.
  const status = error.reason === 'file.tooLarge' ? 413 : error.httpStatus;
  sendJson(res, status, { errors: [{ message: error.message, extensions: error.toExtensions() }] });
}

function internal(res: ServerResponse, log: Logger, error: unknown): void {
  log.error({ err: error }, 'file route failed');
  sendJson(res, 500, {
    errors: [{ message: renderMessage('error.INTERNAL_SERVER_ERROR'), extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
}

/** The file part of a multipart body: its name and bytes, `truncated` once past `maxBytes`. */
function readFilePart(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ filename: string; bytes: Uint8Array; truncated: boolean } | null> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 5, parts: 6 },
      });
    } catch (error) {
      reject(error);
      return;
    }
    let found: { filename: string; bytes: Uint8Array; truncated: boolean } | null = null;
    let pending: Promise<void> = Promise.resolve();
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // A chunked body has no declared length: stop reading past the upload limit.
      if (received > UPLOAD_BODY_LIMIT_BYTES) req.destroy();
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || found) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('limit', () => {
        truncated = true;
      });
      pending = new Promise<void>((done, fail) => {
        stream.on('data', (chunk: Buffer) => {
          if (!truncated) chunks.push(chunk);
        });
        stream.on('error', fail);
        stream.on('end', () => {
          found = { filename: info.filename ?? '', bytes: new Uint8Array(Buffer.concat(chunks)), truncated };
          done();
        });
      });
    });
    parser.on('error', reject);
    parser.on('close', () => {
      pending.then(() => resolve(found), reject);
    });
    req.on('aborted', () => reject(new Error('upload aborted')));
    req.pipe(parser);
  });
}

async function actorOf(req: IncomingMessage, deps: AppDeps) {
  const { actor } = await authenticate(bearerToken(req.headers.authorization), deps, createAuthLoaders(deps));
  if (actor) setScopeLocale(actor.locale);
  return actor;
}

async function upload(req: IncomingMessage, res: ServerResponse, url: URL, deps: AppDeps): Promise<void> {
  const actor = await actorOf(req, deps);
  const query = {
    // Checked by the use case's schema (an unknown purpose is BAD_USER_INPUT).
    purpose: (url.searchParams.get('purpose') ?? '') as FilePurpose,
    applicationId: url.searchParams.get('applicationId'),
  };
  const purpose = uploadFileSchema.shape.purpose.safeParse(query.purpose);
  const maxBytes = purpose.success ? FILE_RULES[purpose.data].maxBytes : 0;
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
    // The use case answers UNAUTHENTICATED / FORBIDDEN first; a valid caller learns the body is wrong.
    await uploadFile({ deps, actor }, { ...query, filename: '', bytes: new Uint8Array() });
    return;
  }
  let part: Awaited<ReturnType<typeof readFilePart>> = null;
  if (actor && purpose.success) part = await readFilePart(req, maxBytes);
  else req.resume();
  const uploaded = await uploadFile(
    { deps, actor },
    { ...query, filename: part?.filename ?? '', bytes: part?.bytes ?? new Uint8Array(), truncated: part?.truncated },
  );
  sendJson(res, 201, uploaded);
}

async function download(req: IncomingMessage, res: ServerResponse, id: string, deps: AppDeps): Promise<void> {
  const actor = await actorOf(req, deps);
  const file = await readFile({ deps, actor }, { id });
  res.statusCode = 200;
  res.setHeader('Content-Type', file.metadata.contentType);
  res.setHeader('Content-Length', String(file.length));
  res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Opened in a tab, the file runs nothing (a PDF viewer or an image only).
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; object-src 'self'; sandbox");
  await pipeline(openFileStream(deps, file._id), res);
}

export function filesHandler(deps: AppDeps): HttpHandler {
  const log = deps.logger.child({ component: 'files' });
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const idMatch = ID_PATH.exec(url.pathname);
    const isUpload = url.pathname === FILES_PATH && req.method === 'POST';
    const isDownload = idMatch && (req.method === 'GET' || req.method === 'HEAD');
    if (!isUpload && !isDownload) {
      next();
      return;
    }
    withLocale(localeFromAcceptLanguage(req.headers['accept-language']), () => {
      const work = isUpload ? upload(req, res, url, deps) : download(req, res, idMatch?.[1] ?? '', deps);
      work.catch((error: unknown) => {
        if (isAppError(error)) sendError(res, error);
        else if (res.headersSent) res.destroy();
        else internal(res, log, error);
      });
    });
  };
}
