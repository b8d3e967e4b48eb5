import { readdir } from 'node:fs/promises';
import { Types } from 'mongoose';
import { inTransaction } from '../src/core/transactions';
import { mailOutboxModel } from '../src/modules/mail/mail.model';
import { enqueueMails, type MailMessage } from '../src/modules/mail/mail.queries';
import { MAIL_DELIVERY_DEFAULTS } from '../src/modules/mail/mail.settings';
import { startMailHarness } from '../test/mail.harness';

// `npm run bench -w @promesse/api`: one published promise alerting 1,000 students. The 1,000 job-alert messages are
// queued in the outbox in one transaction (what publishing does), then the outbox worker (default concurrency and
// lease) sends them over real SMTP to the in-process server, which stores each as an .eml file. Printed: the time
// to queue (the transaction, commit included) and the time until the server accepted the last message.

const RECIPIENTS = Number(process.env['BENCH_MAIL_RECIPIENTS'] ?? 1000);

async function storedCount(dir: string): Promise<number> {
  return (await readdir(dir)).filter((n) => n.endsWith('.eml')).length;
}

async function main(): Promise<void> {
  const h = await startMailHarness({ ...MAIL_DELIVERY_DEFAULTS, retryBaseMs: 1_000, retryMaxMs: 10_000 });
  try {
    const jobPromiseId = new Types.ObjectId().toHexString();
    const messages: MailMessage[] = Array.from({ length: RECIPIENTS }, (_, i) => ({
      key: `jobAlert:${jobPromiseId}:${i}`,
      to: `eleve${i}@bench.promesse.test`,
      locale: i % 10 === 0 ? 'en' : 'fr',
      recipientName: `Élève ${i}`,
      userId: new Types.ObjectId().toHexString(),
      topic: 'jobAlert',
      template: 'jobAlert',
      params: {
        jobPromiseId,
        title: 'Tourneur·se fraiseur·se CN',
        companyName: 'Usinage Normand de Précision',
        city: 'Évreux',
        searchName: 'Usinage près de chez moi',
      },
    }));

    const started = performance.now();
    await inTransaction(h.deps, (session) => enqueueMails(h.deps, session, messages));
    const queuedMs = performance.now() - started;
    h.mail.worker?.kick();
    let count = 0;
    while ((count = await storedCount(h.storeDir)) < RECIPIENTS) {
      if (performance.now() - started > 300_000) throw new Error(`only ${count} of ${RECIPIENTS} accepted in 5 min`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const acceptedMs = performance.now() - started;
    const sent = await mailOutboxModel(h.deps.connection).countDocuments({ status: 'SENT' });

    console.log(`mail: one promise alerting ${RECIPIENTS} students (concurrency ${h.settings.concurrency})`);
    console.log(`  time to queue (one transaction, committed)   ${queuedMs.toFixed(0).padStart(7)} ms`);
    console.log(`  time until the last e-mail was accepted      ${acceptedMs.toFixed(0).padStart(7)} ms`);
    console.log(
      `  throughput                                   ${((RECIPIENTS / acceptedMs) * 1000).toFixed(0).padStart(7)} mails/s`,
    );
    console.log(`  outbox rows marked SENT when the last was accepted: ${sent}`);
  } finally {
    await h.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
