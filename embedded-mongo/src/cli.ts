// `embedded-mongo --port 27017 --dbpath ./.data [--host 127.0.0.1]`: prints the URI, stops cleanly on SIGINT/SIGTERM.
// `embedded-mongo repair --dbpath ./.data`: keeps every readable journal record of a damaged data directory.
import { startEmbeddedMongo } from './index';
import { repairJournal } from './storage/storage.journal';
import { DirLock } from './storage/storage.lock';

export interface CliOptions {
  command: 'serve' | 'repair';
  /** Undefined with --socket and no --port: no TCP listener. */
  port?: number;
  host: string;
  dbPath?: string;
  socketPath?: string;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { command: 'serve', host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    if (i === 0 && argv[0] === 'repair') {
      opts.command = 'repair';
      continue;
    }
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`missing value for ${flag}`);
      return v;
    };
    switch (flag) {
      case '--port':
        opts.port = Number(value());
        if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`invalid --port`);
        break;
      case '--host':
      case '--bind_ip':
        opts.host = value();
        break;
      case '--dbpath':
      case '--dbPath':
        opts.dbPath = value();
        break;
      case '--socket':
        opts.socketPath = value();
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: embedded-mongo [--port 27017] [--host 127.0.0.1] [--dbpath DIR] [--socket PATH]\n' +
            '       (no --dbpath = in memory; --socket: a Unix socket only this user can use, and no TCP port\n' +
            '       unless --port is given too)\n' +
            '       embedded-mongo repair --dbpath DIR   (keeps every readable record of a damaged journal)',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  if (opts.command === 'repair' && !opts.dbPath) throw new Error('repair needs --dbpath');
  // Without a socket the engine listens on TCP, by default on mongod's port.
  if (opts.socketPath === undefined) opts.port ??= 27017;
  return opts;
}

function repair(dir: string): void {
  const lock = DirLock.acquire(dir);
  try {
    const r = repairJournal(dir);
    console.log(`embedded-mongo repair: copied the journal to ${r.backup}`);
    for (const d of r.dropped)
      console.log(`embedded-mongo repair: dropped ${d.bytes} bytes at offset ${d.offset} (${d.problem})`);
    console.log(`embedded-mongo repair: kept ${r.kept} records, dropped ${r.dropped.length} damaged range(s)`);
  } finally {
    lock.release();
  }
}

export async function main(argv: string[]): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`embedded-mongo: ${(e as Error).message}`);
    process.exit(2);
  }
  let server: Awaited<ReturnType<typeof startEmbeddedMongo>>;
  try {
    if (opts.command === 'repair') {
      repair(opts.dbPath!);
      return;
    }
    server = await startEmbeddedMongo({
      port: opts.port,
      host: opts.host,
      dbPath: opts.dbPath,
      socketPath: opts.socketPath,
    });
  } catch (e) {
    console.error(`embedded-mongo: ${(e as Error).message}`);
    process.exit(1);
  }
  console.log(server.uri);
  if (server.tcpUri && server.tcpUri !== server.uri) console.log(server.tcpUri);
  console.error(`embedded-mongo listening on ${server.uri} (${opts.dbPath ? `data in ${opts.dbPath}` : 'in memory'})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`embedded-mongo: ${signal}, flushing and stopping`);
    server.stop().then(
      () => process.exit(0),
      (e) => {
        console.error(`embedded-mongo: stop failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
