import nodemailer from 'nodemailer';
import type { AppDeps } from '../../core/deps';
import { startDevSmtpServer, type DevSmtpServer } from './mail.dev-smtp';
import type { MailSettings } from './mail.settings';
import { startMailWorker, type MailTransport, type MailWorker } from './mail.worker';

export interface MailRuntime {
  settings: MailSettings;
  /** The in-process SMTP server (SMTP_URL unset): its store is what /dev/mail lists. */
  devServer: DevSmtpServer | null;
  /** Null when started without a worker (another process sends). */
  worker: MailWorker | null;
  close(): Promise<void>;
}

export function createMailTransport(
  url: string,
  settings: Pick<MailSettings, 'concurrency' | 'sendTimeoutMs'>,
): MailTransport {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: settings.concurrency,
    // Bounded (sendTimeoutMs in all), so a send never outlives its claim on the message.
    connectionTimeout: settings.sendTimeoutMs / 4,
    greetingTimeout: settings.sendTimeoutMs / 4,
    socketTimeout: settings.sendTimeoutMs / 2,
  });
}

/**
 * The mail channel of one API process: the SMTP transport (to SMTP_URL, or to an SMTP server started here that
 * stores what it receives) and the outbox worker.
 */
export async function startMail(
  deps: Pick<AppDeps, 'connection' | 'clock' | 'logger'>,
  settings: MailSettings,
  options: { worker?: boolean } = {},
): Promise<MailRuntime> {
  let devServer: DevSmtpServer | null = null;
  let url = settings.smtpUrl;
  if (!url) {
    devServer = await startDevSmtpServer({ dir: settings.storeDir, logger: deps.logger });
    url = devServer.url;
  }
  const transport = createMailTransport(url, settings);
  // The worker polls the outbox in the background: on a Connection object of its own (same client, same database)
  // its reads stay out of what request-level monitoring of the app's connection counts.
  const workerDeps = { ...deps, connection: deps.connection.useDb(deps.connection.name, { useCache: true }) };
  const worker = options.worker === false ? null : startMailWorker(workerDeps, settings, transport);
  if (devServer) deps.logger.info({ dir: devServer.dir }, 'mail: in-process SMTP server, messages stored as .eml');
  let closing: Promise<void> | null = null;
  return {
    settings,
    devServer,
    worker,
    close() {
      closing ??= (async () => {
        await worker?.stop();
        transport.close();
        await devServer?.close();
      })();
      return closing;
    },
  };
}
