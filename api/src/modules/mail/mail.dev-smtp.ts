import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../../logger';
import { storeMail } from './mail.store';

export interface DevSmtpServer {
  /** smtp://127.0.0.1:<port>: what the transport sends to. */
  url: string;
  dir: string;
  close(): Promise<void>;
}

export interface DevSmtpOptions {
  dir: string;
  logger: Logger;
  /** Called with each message before it is accepted (tests: hold or refuse it); a throw refuses it (4xx). */
  beforeAccept?: (raw: Buffer, session: SMTPServerSession) => Promise<void>;
}

function collect(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * The SMTP server that runs in-process when SMTP_URL is unset: the API still sends over real SMTP, and each message
 * is stored as an `.eml` file under `dir`. Loopback only, no authentication, no TLS (it never leaves the machine).
 */
export async function startDevSmtpServer(options: DevSmtpOptions): Promise<DevSmtpServer> {
  const log = options.logger.child({ component: 'dev-smtp' });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      collect(stream)
        .then(async (raw) => {
          await options.beforeAccept?.(raw, session);
          const { id, stored } = await storeMail(options.dir, raw);
          if (!stored) log.warn({ id }, 'message delivered again (same Message-ID): kept once');
          callback();
        })
        .catch((error: unknown) => {
          log.warn({ err: error }, 'message refused');
          callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
        });
    },
  });
  server.on('error', (error) => log.error({ err: error }, 'SMTP server error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir: options.dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
