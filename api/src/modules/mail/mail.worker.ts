import { createHash, randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { AppDeps } from '../../core/deps';
import { mailOutboxModel, mailSuppressionModel, type MailOutboxDoc } from './mail.model';
import type { MailSettings } from './mail.settings';
import { renderMail, type MailTemplate, type MailTemplateParams } from './mail.templates';
import { signUnsubscribeToken } from './mail.unsubscribe';

export const UNSUBSCRIBE_PATH = '/mail/unsubscribe';

export type MailTransport = Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

export interface MailWorker {
  /** Looks for due messages now instead of at the next poll (after a commit that queued some). */
  kick(): void;
  /** Finishes the messages being sent, then stops claiming. */
  stop(): Promise<void>;
}

type WorkerDeps = Pick<AppDeps, 'connection' | 'clock' | 'logger'>;

/** The Message-ID of a queued message: a function of its idempotency key, the same on every attempt. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'promesse.localhost';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** Doubling delays from `retryBaseMs`, capped, with ±20 % jitter so retries of a burst do not arrive together. */
export function retryDelayMs(attempts: number, settings: Pick<MailSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  const delay = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/** An SMTP 5xx answer is final (unknown mailbox, refused content): retrying cannot help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the outbox: claims a batch of due messages (a lease: `availableAt` moves past the time needed to send them),
 * sends them over `concurrency` connections and records each outcome. Delivery is at least once: a worker that dies after the SMTP server
 * accepted a message but before recording it leaves it to be sent again after the lease, with the same Message-ID,
 * which receivers (and the development store) use to keep it once.
 */
export function startMailWorker(deps: WorkerDeps, settings: MailSettings, transport: MailTransport): MailWorker {
  const outbox = mailOutboxModel(deps.connection);
  const suppressions = mailSuppressionModel(deps.connection);
  const owner = randomUUID();
  const log = deps.logger.child({ component: 'mail-worker' });
  let stopped = false;
  let wake: (() => void) | null = null;

  /** Waits `pollMs`, or less when kicked or stopped. */
  function sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, settings.pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  // Claims up to `batchSize` due messages: their ids first, then one update that takes those still due (another
  // worker may have taken some in between), marked with a token of this claim to read them back.
  async function claim(): Promise<{ docs: MailOutboxDoc[]; leaseEnds: number }> {
    const now = deps.clock.now();
    const due = await outbox
      .find({ status: 'PENDING', availableAt: { $lte: now } }, { _id: 1 })
      .sort({ availableAt: 1 })
      .limit(settings.batchSize)
      .lean();
    if (due.length === 0) return { docs: [], leaseEnds: 0 };
    const token = `${owner}:${randomUUID()}`;
    const leaseEnds = now.getTime() + settings.leaseMs;
    await outbox.updateMany(
      { _id: { $in: due.map((d) => d._id) }, status: 'PENDING', availableAt: { $lte: now } },
      { $set: { availableAt: new Date(leaseEnds), leaseOwner: token }, $inc: { attempts: 1 } },
    );
    return { docs: await outbox.find({ leaseOwner: token, status: 'PENDING' }), leaseEnds };
  }

  /** Gives claimed messages back at once (the lease would run out before they are sent). */
  async function release(docs: readonly MailOutboxDoc[]): Promise<void> {
    await outbox.updateMany(
      { _id: { $in: docs.map((d) => d._id) }, status: 'PENDING' },
      { $set: { availableAt: deps.clock.now() }, $inc: { attempts: -1 }, $unset: { leaseOwner: 1 } },
    );
  }

  async function deliver(doc: MailOutboxDoc): Promise<void> {
    const userId = doc.userId ? String(doc.userId) : null;
    const topic = doc.topic ?? null;
    if (userId && topic && (await suppressions.exists({ userId: doc.userId, topic }))) {
      await outbox.updateOne({ _id: doc._id }, { $set: { status: 'SUPPRESSED' }, $unset: { params: 1 } });
      return;
    }
    const unsubscribeUrl =
      userId && topic
        ? `${settings.publicUrl}${UNSUBSCRIBE_PATH}?token=${await signUnsubscribeToken(
            { userId, topic, locale: doc.locale },
            settings.secret,
          )}`
        : null;
    const messageId = messageIdFor(doc.key, settings.from);
    let rendered;
    try {
      const template = doc.template as MailTemplate;
      rendered = await renderMail(template, doc.params as MailTemplateParams[typeof template], {
        locale: doc.locale,
        publicUrl: settings.publicUrl,
        recipientName: doc.recipientName,
        unsubscribeUrl,
      });
    } catch (error) {
      // A message that cannot be written will not be written on a retry either.
      await bury(doc, error);
      return;
    }
    try {
      await transport.sendMail({
        from: settings.from,
        to: doc.to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        ...(rendered.attachments.length ? { attachments: rendered.attachments } : {}),
        messageId,
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
        ...(unsubscribeUrl ? { list: { unsubscribe: unsubscribeUrl } } : {}),
      });
    } catch (error) {
      if (isPermanent(error) || doc.attempts >= settings.maxAttempts) {
        await bury(doc, error);
      } else {
        const retryAt = new Date(deps.clock.now().getTime() + retryDelayMs(doc.attempts, settings));
        await outbox.updateOne(
          { _id: doc._id, status: 'PENDING' },
          { $set: { availableAt: retryAt, lastError: describe(error) }, $unset: { leaseOwner: 1 } },
        );
        log.warn({ key: doc.key, attempts: doc.attempts, retryAt, err: error }, 'mail not sent, will retry');
      }
      return;
    }
    await outbox.updateOne(
      { _id: doc._id, status: 'PENDING' },
      { $set: { status: 'SENT', sentAt: deps.clock.now(), messageId }, $unset: { params: 1, leaseOwner: 1 } },
    );
  }

  async function bury(doc: MailOutboxDoc, error: unknown): Promise<void> {
    await outbox.updateOne(
      { _id: doc._id, status: 'PENDING' },
      { $set: { status: 'DEAD', lastError: describe(error) }, $unset: { leaseOwner: 1 } },
    );
    log.error({ key: doc.key, attempts: doc.attempts, err: error }, 'mail moved to dead letters');
  }

  // One loop polls and claims; `concurrency` senders share each claimed batch (an idle worker costs one query per
  // poll, however many connections it may use).
  async function sendBatch(docs: readonly MailOutboxDoc[], leaseEnds: number): Promise<void> {
    let next = 0;
    const sender = async () => {
      for (let doc = docs[next++]; doc; doc = docs[next++]) {
        // A send may take up to the transport's timeouts: never start one that could outlive the lease.
        if (stopped || deps.clock.now().getTime() > leaseEnds - settings.sendTimeoutMs) await release([doc]);
        else await deliver(doc);
      }
    };
    await Promise.all(Array.from({ length: settings.concurrency }, sender));
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        const { docs, leaseEnds } = await claim();
        if (docs.length === 0) await sleep();
        else await sendBatch(docs, leaseEnds);
      } catch (error) {
        if (stopped) return;
        log.error({ err: error }, 'mail worker error');
        await sleep();
      }
    }
  }

  const running = loop();

  return {
    kick: () => wake?.(),
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
