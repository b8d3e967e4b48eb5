import type { IncomingMessage, ServerResponse } from 'node:http';
import Handlebars from 'handlebars';
import { NOTIFICATION_TYPE_LABELS, notificationTypeSchema, renderMessage, type Locale } from '@promesse/shared';
import type { AppDeps } from '../../core/deps';
import { suppressTopic } from './mail.queries';
import type { MailRuntime } from './mail.runtime';
import { listStoredMails, readStoredMail, readStoredMailSource } from './mail.store';
import { verifyUnsubscribeToken } from './mail.unsubscribe';
import { UNSUBSCRIBE_PATH } from './mail.worker';

// Two pages served outside GraphQL, as plain Node handlers (the app mounts them with `app.use`):
// - the one-click unsubscribe endpoint of every optional message (RFC 8058: POST unsubscribes, GET asks first, so a
//   link scanner that follows the link changes nothing);
// - /dev/mail, the messages the in-process SMTP server stored (development and test only: absent in production).

export const DEV_MAIL_PATH = '/dev/mail';

type Next = (error?: unknown) => void;
export type HttpHandler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const page = Handlebars.compile<{ lang: string; title: string; body: string }>(
  `<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
a{color:#1d4ed8}pre{white-space:pre-wrap;background:#f3f4f6;padding:1rem}iframe{width:100%;height:40rem;border:1px solid #d1d5db}
button{font-size:1rem;padding:.6rem 1.2rem;background:#1d4ed8;color:#fff;border:0;border-radius:.4rem}</style></head>
<body>{{{body}}}</body></html>`,
);
const esc = Handlebars.escapeExpression;

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

function topicLabel(topic: string, locale: Locale): string {
  const [kind, rawType] = topic.split(':');
  const type = notificationTypeSchema.safeParse(rawType);
  if (kind === 'notification' && type.success) {
    return renderMessage('mail.topic.notification', { type: NOTIFICATION_TYPE_LABELS[locale][type.data] }, locale);
  }
  return renderMessage(`mail.topic.${kind}`, {}, locale);
}

export function unsubscribeHandler(deps: Pick<AppDeps, 'connection' | 'clock'>, secret: string): HttpHandler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== UNSUBSCRIBE_PATH || (req.method !== 'GET' && req.method !== 'POST')) {
      next();
      return;
    }
    (async () => {
      const token = url.searchParams.get('token') ?? '';
      const claims = await verifyUnsubscribeToken(token, secret);
      if (!claims) {
        const text = renderMessage('mail.unsubscribePage.invalid');
        send(res, 400, page({ lang: 'fr', title: text, body: `<p>${esc(text)}</p>` }));
        return;
      }
      const { locale } = claims;
      const title = renderMessage('mail.unsubscribePage.title', {}, locale);
      const topic = topicLabel(claims.topic, locale);
      if (req.method === 'POST') {
        await suppressTopic(deps, claims.userId, claims.topic);
        const done = renderMessage('mail.unsubscribePage.done', { topic }, locale);
        send(res, 200, page({ lang: locale, title, body: `<h1>${esc(title)}</h1><p>${esc(done)}</p>` }));
        return;
      }
      const question = renderMessage('mail.unsubscribePage.confirm', { topic }, locale);
      const button = renderMessage('mail.unsubscribePage.button', {}, locale);
      send(
        res,
        200,
        page({
          lang: locale,
          title,
          body: `<h1>${esc(title)}</h1><p>${esc(question)}</p><form method="post" action="${esc(
            `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`,
          )}"><button type="submit">${esc(button)}</button></form>`,
        }),
      );
    })().catch(next);
  };
}

/** The development mailbox; a handler that passes everything on when there is no in-process server. */
export function devMailHandler(mail: Pick<MailRuntime, 'devServer'>, nodeEnv: string): HttpHandler {
  const dir = nodeEnv === 'production' ? null : (mail.devServer?.dir ?? null);
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!dir || req.method !== 'GET' || !url.pathname.startsWith(DEV_MAIL_PATH)) {
      next();
      return;
    }
    const rest = url.pathname.slice(DEV_MAIL_PATH.length);
    (async () => {
      if (rest === '' || rest === '/') {
        const mails = await listStoredMails(dir);
        const rows = mails
          .map(
            (m) =>
              `<tr><td>${esc(m.receivedAt.toISOString())}</td><td>${esc(m.to.join(', '))}</td>` +
              `<td><a href="${DEV_MAIL_PATH}/${m.id}">${esc(m.subject || '(no subject)')}</a></td></tr>`,
          )
          .join('');
        const body =
          `<h1>Mail received in development (${mails.length})</h1><p>Stored in <code>${esc(dir)}</code>, newest first.</p>` +
          `<table><thead><tr><th>received</th><th>to</th><th>subject</th></tr></thead><tbody>${rows}</tbody></table>`;
        send(res, 200, page({ lang: 'en', title: 'Dev mailbox', body }));
        return;
      }
      const raw = /^\/([a-f0-9]{32})\.eml$/.exec(rest);
      if (raw?.[1]) {
        const source = await readStoredMailSource(dir, raw[1]);
        if (!source) {
          next();
          return;
        }
        res.setHeader('Content-Type', 'message/rfc822');
        res.end(source);
        return;
      }
      const mail = await readStoredMail(dir, rest.slice(1));
      if (!mail) {
        next();
        return;
      }
      const headers = Object.entries(mail.headers)
        .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
        .join('');
      const body =
        `<p><a href="${DEV_MAIL_PATH}">← all messages</a> · <a href="${DEV_MAIL_PATH}/${mail.id}.eml">.eml</a></p>` +
        `<h1>${esc(mail.subject)}</h1><table>${headers}</table>` +
        (mail.html ? `<h2>HTML</h2><iframe sandbox title="HTML" srcdoc="${esc(mail.html)}"></iframe>` : '') +
        `<h2>Text</h2><pre>${esc(mail.text)}</pre>`;
      send(res, 200, page({ lang: 'en', title: mail.subject, body }));
    })().catch(next);
  };
}
