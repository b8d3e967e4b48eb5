// `embedded-mongo --port 27017 --dbpath ./.data [--host 127.0.0.1]`: prints the URI, stops cleanly on SIGINT/SIGTERM.
import { startEmbeddedMongo } from './index';

export interface CliOptions {
  port: number;
  host: string;
  dbPath?: string;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { port: 27017, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
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
      case '--help':
      case '-h':
        console.log(
          'usage: embedded-mongo [--port 27017] [--host 127.0.0.1] [--dbpath DIR]   (no --dbpath = in memory)',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  return opts;
}

export async function main(argv: string[]): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`embedded-mongo: ${(e as Error).message}`);
    process.exit(2);
  }
  const server = await startEmbeddedMongo({ port: opts.port, host: opts.host, dbPath: opts.dbPath });
  console.log(server.uri);
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
