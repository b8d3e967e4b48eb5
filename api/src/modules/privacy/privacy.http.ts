import type { IncomingMessage, ServerResponse } from 'node:http';
import archiver from 'archiver';
import { isAppError, PRIVACY_EXPORT_PATH, renderMessage, type AppError } from '@promesse/shared';
import type { AppDeps } from '../../core/deps';
import { localeFromAcceptLanguage, setScopeLocale, withLocale } from '../../core/locale';
import { authenticate } from '../auth/auth.context';
import { createAuthLoaders } from '../auth/auth.loaders';
import { bearerToken } from '../auth/auth.token';
import type { HttpHandler } from '../file/file.http';
import { openFileStream } from '../file/file.queries';
import { exportPersonalData } from './privacy.export';

// The personal data export travels outside GraphQL, like files (file.http.ts, same authentication: the Bearer token
// only, never a cookie, so a cross-site page cannot download in the user's name):
//   GET /privacy/export                    the caller's own data
//   GET /privacy/export/students/:id       a student's, for the student or the staff of their school
// The answer is a ZIP streamed as it is built: one JSON document per kind of record, and the original files.

const STUDENT_PATH = new RegExp(`^${PRIVACY_EXPORT_PATH}/students/([0-9a-fA-F]{24})$`);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: AppError): void {
  sendJson(res, error.httpStatus, { errors: [{ message: error.message, extensions: error.toExtensions() }] });
}

async function exportArchive(
  req: IncomingMessage,
  res: ServerResponse,
  studentId: string | undefined,
  deps: AppDeps,
): Promise<void> {
  const { actor } = await authenticate(bearerToken(req.headers.authorization), deps, createAuthLoaders(deps));
  if (actor) setScopeLocale(actor.locale);
  const data = await exportPersonalData({ deps, actor }, studentId ? { studentId } : {});
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${data.filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const archive = archiver('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    res.on('close', resolve);
    res.on('error', reject);
  });
  archive.pipe(res);
  for (const [path, document] of Object.entries(data.documents)) {
    archive.append(JSON.stringify(document, null, 2), { name: path });
  }
  for (const file of data.files) archive.append(openFileStream(deps, file.fileId), { name: file.path });
  await archive.finalize();
  await done;
}

export function privacyHandler(deps: AppDeps): HttpHandler {
  const log = deps.logger.child({ component: 'privacy-export' });
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const studentMatch = STUDENT_PATH.exec(url.pathname);
    const isExport = url.pathname === PRIVACY_EXPORT_PATH || studentMatch !== null;
    if (!isExport || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    withLocale(localeFromAcceptLanguage(req.headers['accept-language']), () => {
      exportArchive(req, res, studentMatch?.[1]?.toLowerCase(), deps).catch((error: unknown) => {
        if (isAppError(error)) {
          sendError(res, error);
          return;
        }
        log.error({ err: error }, 'export failed');
        if (res.headersSent) res.destroy();
        else {
          sendJson(res, 500, {
            errors: [
              { message: renderMessage('error.INTERNAL_SERVER_ERROR'), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
            ],
          });
        }
      });
    });
  };
}
