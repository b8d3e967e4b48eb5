// embedded-mongo: a MongoDB-compatible server (wire protocol, CRUD, indexes, transactions, change streams).
import { ObjectId } from 'bson';
import { Engine } from './storage/storage.engine';
import { CursorRegistry } from './cursors/cursor.registry';
import { SessionRegistry } from './txn/session.registry';
import { WireServer } from './wire/wire.server';
import type { ServerState } from './commands/command.context';
import { TtlMonitor } from './storage/ttl.monitor';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 picks a free one. Default 0, or no TCP listener at all when `socketPath` is given. */
  port?: number;
  host?: string;
  /**
   * Unix domain socket to listen on (mode 0600: only this user can connect; no TCP port unless `port` is given
   * too). The URI then names the socket: mongodb://%2Fpath%2Fto%2Fmongod.sock/
   */
  socketPath?: string;
  /** Data directory; omitted = in memory only. */
  dbPath?: string;
  onWarning?: (msg: string) => void;
  /** TTL sweep period (default 1000 ms). */
  ttlIntervalMs?: number;
  /** Idle cursors are closed after this long (default 10 minutes). */
  cursorTimeoutMs?: number;
  /** With dbPath: journal growth that triggers a background compaction (default 64 MB). */
  compactThresholdBytes?: number;
  /** Time budget of a query without maxTimeMS (default 30 s); past it the command fails with MaxTimeMSExpired. */
  defaultMaxTimeMS?: number;
  /** Bytes of half-received messages all connections together may hold (default 128 MB); the largest holders are closed beyond it. */
  maxPendingMessageBytes?: number;
  /** A connection that sends nothing of a started message for this long is closed (default 30 s). */
  partialMessageTimeoutMs?: number;
}

export interface EmbeddedMongo {
  /** Through the Unix socket when there is one, else TCP. */
  uri: string;
  /** TCP port, 0 when only the Unix socket listens. */
  port: number;
  host: string;
  socketPath?: string;
  /** mongodb://host:port/ when a TCP port listens. */
  tcpUri?: string;
  stop(): Promise<void>;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = opts.host ?? '127.0.0.1';
  const warn = opts.onWarning ?? ((m: string) => console.warn(`[embedded-mongo] ${m}`));
  const engine = new Engine({
    dbPath: opts.dbPath,
    onWarning: warn,
    compactThresholdBytes: opts.compactThresholdBytes,
  });
  await engine.open();
  const cursors = new CursorRegistry(opts.cursorTimeoutMs);
  const sessions = new SessionRegistry(engine, (key) => cursors.killSession(key));
  const state: ServerState = {
    engine,
    cursors,
    sessions,
    processId: new ObjectId(),
    defaultMe: `${host}:${opts.port ?? 0}`,
    port: opts.port ?? 0,
    connections: { current: 0, totalCreated: 0, pendingMessageBytes: 0, closedForBuffering: 0 },
    startedAt: new Date(),
    defaultMaxTimeMS: opts.defaultMaxTimeMS,
  };
  const server = new WireServer(state, warn, {
    maxPendingBytes: opts.maxPendingMessageBytes,
    partialTimeoutMs: opts.partialMessageTimeoutMs,
  });
  if (opts.socketPath !== undefined && opts.socketPath !== opts.socketPath.toLowerCase())
    warn(
      `socket path ${opts.socketPath} has capitals: the MongoDB driver lowercases host names, so it would dial the lowercase path`,
    );
  let port = 0;
  const tcp = opts.socketPath === undefined || opts.port !== undefined;
  try {
    if (opts.socketPath !== undefined) await server.listenSocket(opts.socketPath);
    if (tcp) port = await server.listen(opts.port ?? 0, host);
  } catch (e) {
    await server.close();
    cursors.closeAll();
    sessions.close();
    await engine.close();
    throw e;
  }
  state.port = port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  state.defaultMe = `${hostPart}:${port}`;
  const ttl = new TtlMonitor(engine, opts.ttlIntervalMs ?? 1000, warn);
  ttl.start();
  let stopping: Promise<void> | null = null;
  const tcpUri = tcp ? `mongodb://${hostPart}:${port}/` : undefined;
  return {
    uri: opts.socketPath !== undefined ? `mongodb://${encodeURIComponent(opts.socketPath)}/` : tcpUri!,
    port,
    host,
    socketPath: opts.socketPath,
    tcpUri,
    stop() {
      stopping ??= (async () => {
        ttl.stop();
        engine.changes.wakeAll();
        cursors.closeAll();
        await server.close();
        sessions.close();
        await engine.close();
      })();
      return stopping;
    },
  };
}

export { Engine } from './storage/storage.engine';
export { MongoCommandError } from './errors.command';
