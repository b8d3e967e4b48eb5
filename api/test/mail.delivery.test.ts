import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { inTransaction } from '../src/core/transactions';
import { startDevSmtpServer, type DevSmtpServer } from '../src/modules/mail/mail.dev-smtp';
import { devMailHandler, unsubscribeHandler } from '../src/modules/mail/mail.http';
import { mailOutboxModel, mailSuppressionModel } from '../src/modules/mail/mail.model';
import { enqueueMail, enqueueMails, type MailMessage } from '../src/modules/mail/mail.queries';
import { createMailTransport } from '../src/modules/mail/mail.runtime';
import { messageIdFor, startMailWorker } from '../src/modules/mail/mail.worker';
import { linkIn, startMailHarness, testMailSettings, waitForMails, type MailHarness } from './mail.harness';

let h: MailHarness;
let http: Server;
let httpUrl: string;

beforeAll(async () => {
  h = await startMailHarness();
  const unsubscribe = unsubscribeHandler(h.deps, h.settings.secret);
  const devPage = devMailHandler(h.mail, 'test');
  http = createServer((req, res) =>
    unsubscribe(req, res, () =>
      devPage(req, res, () => {
        res.statusCode = 404;
        res.end('not found');
      }),
    ),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await h.close();
});

let n = 0;
function invitation(overrides: Partial<MailMessage> = {}): MailMessage {
  n += 1;
  return {
    key: `test-invitation:${n}:${Date.now()}`,
    to: `invitee${n}@promesse.test`,
    locale: 'fr',
    recipientName: null,
    template: 'invitation',
    params: {
      inviterName: 'Claire Lemoine',
      schoolName: 'École de Production de l’Eure',
      role: 'STUDENT',
      code: `code-${n}-abcdefghijklmnopqrstuvwxyz0123456789`,
      expiresAt: '2030-01-15T10:00:00.000Z',
    },
    ...overrides,
  } as MailMessage;
}

async function outboxOf(key: string) {
  return mailOutboxModel(h.deps.connection).findOne({ key }).lean();
}

/** The outbox row once a worker is done with it (sent, dead or suppressed). */
async function settle(key: string) {
  for (let i = 0; i < 200; i++) {
    const row = await outboxOf(key);
    if (row && row.status !== 'PENDING') return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return outboxOf(key);
}

test('a message queued in a committed transaction is sent over SMTP and stored with its links, in French', async () => {
  const message = invitation();
  await inTransaction(h.deps, (session) => enqueueMail(h.deps, session, message));
  h.mail.worker?.kick();
  const stored = (await waitForMails(h.storeDir, (all) => all.some((m) => m.to.includes(message.to)))).find((m) =>
    m.to.includes(message.to),
  );
  expect(stored?.subject).toBe('Claire Lemoine vous invite sur Promesse');
  expect(stored?.messageId).toBe(messageIdFor(message.key, h.settings.from));
  expect(stored?.from).toContain('no-reply@promesse.test');
  // Essential: no unsubscribe headers.
  expect(stored?.headers['list-unsubscribe']).toBeUndefined();
  const code = message.template === 'invitation' ? message.params.code : '';
  const link = linkIn(stored?.text ?? '', 'http://localhost:4000/invitation/');
  expect(link).toBe(`http://localhost:4000/invitation/${code}`);
  expect(stored?.html).toContain(`href="http://localhost:4000/invitation/${code}"`);
  expect(stored?.html).toContain('lang="fr"');
  expect(stored?.text).toContain('15 janvier 2030');

  const row = await settle(message.key);
  expect(row?.status).toBe('SENT');
  expect(row?.attempts).toBe(1);
  // Tokens do not linger once sent.
  expect(row?.params).toBeUndefined();
});

test('English recipients get the English text', async () => {
  const message = invitation({ locale: 'en', recipientName: 'Sam' });
  await enqueueMail(h.deps, null, message);
  h.mail.worker?.kick();
  const mails = await waitForMails(h.storeDir, (all) => all.some((m) => m.to.includes(message.to)));
  const mail = mails.find((m) => m.to.includes(message.to));
  expect(mail?.subject).toBe('Claire Lemoine invites you to Promesse');
  expect(mail?.text).toContain('Hello Sam,');
  expect(mail?.text).toContain('15 January 2030');
  expect(mail?.html).toContain('lang="en"');
});

test('an aborted transaction queues nothing; the same key queued twice is sent once', async () => {
  const aborted = invitation();
  await expect(
    inTransaction(h.deps, async (session) => {
      await enqueueMail(h.deps, session, aborted);
      throw new Error('the cause fails');
    }),
  ).rejects.toThrow('the cause fails');
  expect(await outboxOf(aborted.key)).toBeNull();

  const twice = invitation();
  expect(await enqueueMail(h.deps, null, twice)).toBe(true);
  expect(await inTransaction(h.deps, (session) => enqueueMail(h.deps, session, twice))).toBe(false);
  h.mail.worker?.kick();
  await waitForMails(h.storeDir, (all) => all.some((m) => m.to.includes(twice.to)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const mails = (await waitForMails(h.storeDir, () => true)).filter((m) => m.to.includes(twice.to));
  expect(mails).toHaveLength(1);
  expect(await mailOutboxModel(h.deps.connection).countDocuments({ key: twice.key })).toBe(1);
});

test('optional messages carry one-click unsubscribe (RFC 8058); the POST stops that topic, a GET only asks', async () => {
  const userId = '6650a0a0a0a0a0a0a0a0a0a1';
  const alert = (key: string): MailMessage => ({
    key,
    to: 'alerted@promesse.test',
    locale: 'fr',
    userId,
    topic: 'jobAlert',
    template: 'jobAlert',
    params: {
      jobPromiseId: '6650a0a0a0a0a0a0a0a0a0b2',
      title: 'Tourneur·se CN',
      companyName: 'Usinage Normand',
      city: 'Évreux',
      searchName: 'Usinage près d’Évreux',
    },
  });
  await enqueueMail(h.deps, null, alert(`alert-1-${Date.now()}`));
  h.mail.worker?.kick();
  const [mail] = (
    await waitForMails(h.storeDir, (all) => all.some((m) => m.to.includes('alerted@promesse.test')))
  ).filter((m) => m.to.includes('alerted@promesse.test'));
  expect(mail?.subject).toBe('Nouvelle promesse d’embauche\u00a0: Tourneur·se CN');
  expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  const header = mail?.headers['list-unsubscribe'] ?? '';
  const unsubscribeUrl = /<([^>]+)>/.exec(header)?.[1] ?? '';
  expect(unsubscribeUrl).toMatch(/^http:\/\/localhost:4000\/mail\/unsubscribe\?token=/);
  expect(mail?.text).toContain(unsubscribeUrl);
  expect(mail?.html).toContain('http://localhost:4000/eleve/promesses/6650a0a0a0a0a0a0a0a0a0b2');

  const local = unsubscribeUrl.replace('http://localhost:4000', httpUrl);
  const ask = await fetch(local);
  expect(ask.status).toBe(200);
  expect(await ask.text()).toContain('Ne plus recevoir ces e-mails\u00a0: les alertes de promesses d’embauche\u00a0?');
  expect(await mailSuppressionModel(h.deps.connection).countDocuments({ topic: 'jobAlert' })).toBe(0);

  const oneClick = await fetch(local, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(oneClick.status).toBe(200);
  expect(await oneClick.text()).toContain('vous ne recevrez plus ces e-mails');
  expect(await mailSuppressionModel(h.deps.connection).countDocuments({ topic: 'jobAlert' })).toBe(1);

  const forged = await fetch(
    `${httpUrl}/mail/unsubscribe?token=${unsubscribeUrl.split('token=')[1]?.slice(0, -3)}abc`,
    {
      method: 'POST',
    },
  );
  expect(forged.status).toBe(400);

  // The next alert on that topic is not sent.
  const second = alert(`alert-2-${Date.now()}`);
  await enqueueMail(h.deps, null, second);
  h.mail.worker?.kick();
  expect((await settle(second.key))?.status).toBe('SUPPRESSED');
});

test('the development page lists stored messages and opens one', async () => {
  const message = invitation({ to: 'devpage@promesse.test' });
  await enqueueMail(h.deps, null, message);
  h.mail.worker?.kick();
  const mails = await waitForMails(h.storeDir, (all) => all.some((m) => m.to.includes(message.to)));
  const mail = mails.find((m) => m.to.includes(message.to));
  const list = await (await fetch(`${httpUrl}/dev/mail`)).text();
  expect(list).toContain(`/dev/mail/${mail?.id}`);
  expect(list).toContain('Claire Lemoine vous invite sur Promesse');
  const one = await fetch(`${httpUrl}/dev/mail/${mail?.id}`);
  expect(one.status).toBe(200);
  expect(await one.text()).toContain('devpage@promesse.test');
  const eml = await fetch(`${httpUrl}/dev/mail/${mail?.id}.eml`);
  expect(eml.headers.get('content-type')).toBe('message/rfc822');
  expect((await fetch(`${httpUrl}/dev/mail/../../etc/passwd`)).status).toBe(404);
  // Absent in production.
  const production = devMailHandler(h.mail, 'production');
  let passed = false;
  production({ url: '/dev/mail', method: 'GET' } as never, {} as never, () => (passed = true));
  expect(passed).toBe(true);
});

describe('delivery failures', () => {
  let flaky: DevSmtpServer;
  let flakyDir: string;
  let refusals = 0;
  let refusing: SMTPServer;
  let refusingUrl: string;

  beforeAll(async () => {
    flakyDir = await mkdtemp(path.join(tmpdir(), 'promesse-flaky-'));
    flaky = await startDevSmtpServer({
      dir: flakyDir,
      logger: h.deps.logger,
      beforeAccept: async () => {
        refusals += 1;
        if (refusals <= 2) throw new Error('greylisted');
      },
    });
    refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) =>
        callback(
          address.address.startsWith('unknown')
            ? Object.assign(new Error('No such user'), { responseCode: 550 })
            : Object.assign(new Error('Try later'), { responseCode: 451 }),
        ),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    refusingUrl = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await flaky.close();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
    await rm(flakyDir, { recursive: true, force: true });
  });

  test('a temporary SMTP failure is retried with backoff until accepted', async () => {
    const settings = testMailSettings(flakyDir, { smtpUrl: flaky.url, concurrency: 1 });
    const transport = createMailTransport(flaky.url, settings);
    // The harness's own worker must not take this message: queue it only for this worker's server.
    await h.mail.worker?.stop();
    const worker = startMailWorker(h.deps, settings, transport);
    try {
      const message = invitation({ to: 'greylisted@promesse.test' });
      const started = Date.now();
      await enqueueMail(h.deps, null, message);
      const row = await settle(message.key);
      expect(row?.status).toBe('SENT');
      expect(row?.attempts).toBe(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(40 + 80);
      const stored = await waitForMails(flakyDir, (all) => all.length === 1);
      expect(stored[0]?.to).toEqual(['greylisted@promesse.test']);
    } finally {
      await worker.stop();
      transport.close();
    }
  });

  test('a permanent refusal is a dead letter at once; temporary ones after maxAttempts', async () => {
    const settings = testMailSettings(flakyDir, { smtpUrl: refusingUrl, maxAttempts: 3, concurrency: 1 });
    const transport = createMailTransport(refusingUrl, settings);
    const worker = startMailWorker(h.deps, settings, transport);
    try {
      const unknown = invitation({ to: 'unknown@promesse.test' });
      const busy = invitation({ to: 'busy@promesse.test' });
      await enqueueMails(h.deps, null, [unknown, busy]);
      const dead = await settle(unknown.key);
      expect(dead).toMatchObject({ status: 'DEAD', attempts: 1 });
      expect(dead?.lastError).toContain('No such user');
      const exhausted = await settle(busy.key);
      expect(exhausted).toMatchObject({ status: 'DEAD', attempts: 3 });
      expect(exhausted?.lastError).toContain('Try later');
    } finally {
      await worker.stop();
      transport.close();
    }
  });
});
