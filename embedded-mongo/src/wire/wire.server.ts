// TCP server: frames messages per connection, runs commands in order, answers OP_MSG / OP_REPLY.
import fs from 'node:fs';
import net from 'node:net';
import { Binary, Long, type Document } from 'bson';
import type { ConnectionInfo, ServerState } from '../commands/command.context';
import { runCommand } from '../commands/command.dispatch';
import { helloResponse } from '../commands/admin.commands';
import {
  encodeOpMsg,
  encodeOpReply,
  FLAG_EXHAUST_ALLOWED,
  FLAG_MORE_TO_COME,
  MessageFramer,
  OP_MSG,
  OP_QUERY,
  parseMessage,
  type IncomingMessage,
} from './wire.protocol';

let nextConnectionId = 1;

function hostPort(address: string | undefined, port: number, fallback: string): string {
  if (!address) return fallback;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
}

export interface WireLimits {
  /** Half-received bytes all connections together may hold (default 128 MB). */
  maxPendingBytes?: number;
  /** Closes a connection that sent part of a message and then nothing for this long (default 30 s). */
  partialTimeoutMs?: number;
}

export class WireServer {
  /** A TCP listener and/or a Unix domain socket listener, sharing connections and limits. */
  private readonly servers: net.Server[] = [];
  private sockets = new Set<net.Socket>();
  private timers = new Set<NodeJS.Timeout>();
  /** Each connection's framer and when it last received bytes. */
  private framers = new Map<net.Socket, { framer: MessageFramer; lastData: number }>();
  private readonly maxPending: number;
  private readonly partialTimeoutMs: number;

  constructor(
    private readonly state: ServerState,
    private readonly onWarning: (msg: string) => void,
    limits: WireLimits = {},
  ) {
    this.maxPending = limits.maxPendingBytes ?? 128 << 20;
    this.partialTimeoutMs = limits.partialTimeoutMs ?? 30_000;
  }

  private newServer(me?: string): net.Server {
    const server = net.createServer((s) => this.accept(s, me));
    server.on('error', (e) => this.onWarning(`server error: ${e.message}`));
    this.servers.push(server);
    return server;
  }

  listen(port: number, host: string): Promise<number> {
    const server = this.newServer();
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  /**
   * Listens on a Unix domain socket that only this user may connect to (mode 0600, created so from the start).
   * A socket file left by a process that died is replaced; one that answers, or any other kind of file, is not.
   */
  async listenSocket(socketPath: string): Promise<void> {
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(socketPath);
    } catch {
      st = undefined;
    }
    if (st) {
      if (!st.isSocket()) throw new Error(`${socketPath} exists and is not a socket`);
      if (await answers(socketPath)) throw new Error(`socket ${socketPath} is in use by another server`);
      fs.unlinkSync(socketPath);
    }
    // Connections announce the socket path as their address (the driver compares it with the one it dialed).
    const server = this.newServer(socketPath);
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      // The file is created by bind(), synchronously inside listen(): the umask makes it 0600 from the start.
      const umask = process.umask(0o177);
      try {
        server.listen(socketPath, () => {
          server.off('error', onError);
          resolve();
        });
      } finally {
        process.umask(umask);
      }
    });
    fs.chmodSync(socketPath, 0o600);
  }

  private accept(socket: net.Socket, socketPath?: string): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    this.state.connections.current++;
    this.state.connections.totalCreated++;
    const conn: ConnectionInfo = {
      id: nextConnectionId++,
      me: socketPath ?? hostPort(socket.localAddress, this.state.port, this.state.defaultMe),
      remote: socketPath ? 'unix' : hostPort(socket.remoteAddress, socket.remotePort ?? 0, 'unknown'),
      closed: false,
    };
    const framer = new MessageFramer();
    const entry = { framer, lastData: Date.now() };
    this.framers.set(socket, entry);
    let chain: Promise<void> = Promise.resolve();
    const connTimers = new Set<NodeJS.Timeout>();
    let stall: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => {
      let frames: Buffer[];
      const before = framer.pending;
      entry.lastData = Date.now();
      try {
        frames = framer.push(chunk);
      } catch (e) {
        this.onWarning(`closing connection ${conn.id}: ${(e as Error).message}`);
        this.drop(socket);
        return;
      }
      this.state.connections.pendingMessageBytes += framer.pending - before;
      clearTimeout(stall);
      stall = undefined;
      if (framer.pending > 0) {
        stall = setTimeout(() => {
          this.onWarning(
            `closing connection ${conn.id}: half-sent message, nothing more for ${this.partialTimeoutMs} ms`,
          );
          this.state.connections.closedForBuffering++;
          this.drop(socket);
        }, this.partialTimeoutMs);
        stall.unref();
        if (this.state.connections.pendingMessageBytes > this.maxPending) this.shed(conn.id);
        if (socket.destroyed) return;
      }
      for (const frame of frames) {
        let msg: IncomingMessage;
        try {
          msg = parseMessage(frame);
        } catch (e) {
          // Malformed BSON or framing: refuse this client only.
          this.onWarning(`closing connection ${conn.id}: ${(e as Error).message}`);
          socket.destroy();
          return;
        }
        chain = chain
          .then(() => this.handle(socket, conn, msg, connTimers))
          .catch((e) => {
            this.onWarning(`connection ${conn.id}: ${(e as Error).message}`);
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      conn.closed = true;
      clearTimeout(stall);
      this.release(socket);
      this.sockets.delete(socket);
      this.state.connections.current--;
      for (const t of connTimers) {
        clearTimeout(t);
        clearInterval(t);
        this.timers.delete(t);
      }
    });
  }

  /** Forgets what a connection buffered (the memory goes with the framer's chunks). */
  private release(socket: net.Socket): void {
    const f = this.framers.get(socket)?.framer;
    if (!f) return;
    this.state.connections.pendingMessageBytes -= f.pending;
    f.clear();
    this.framers.delete(socket);
  }

  private drop(socket: net.Socket): void {
    this.release(socket);
    socket.destroy();
  }

  /**
   * Over the budget: closes connections holding half-received bytes, the longest-stalled first (a client still
   * sending its message is the last to go), until it fits again.
   */
  private shed(trigger: number): void {
    const holders = [...this.framers]
      .filter(([, e]) => e.framer.pending > 0)
      .sort(([, a], [, b]) => a.lastData - b.lastData || b.framer.pending - a.framer.pending);
    for (const [socket, { framer: f }] of holders) {
      if (this.state.connections.pendingMessageBytes <= this.maxPending) break;
      this.onWarning(
        `closing a connection holding ${f.pending} bytes of a half-sent message: all connections together may hold ${this.maxPending} (connection ${trigger} went over)`,
      );
      this.state.connections.closedForBuffering++;
      this.drop(socket);
    }
  }

  private async handle(
    socket: net.Socket,
    conn: ConnectionInfo,
    msg: IncomingMessage,
    connTimers: Set<NodeJS.Timeout>,
  ): Promise<void> {
    if (conn.closed) return;
    if (msg.opCode === OP_QUERY) {
      const db = (msg.fullCollectionName ?? 'admin.$cmd').split('.')[0] ?? 'admin';
      const res = await runCommand(this.state, conn, msg.command, db);
      if (!conn.closed) socket.write(encodeOpReply(msg.requestId, res));
      return;
    }
    if (msg.opCode !== OP_MSG) return;
    const cmd = msg.command;
    const name = Object.keys(cmd)[0];
    if (
      (name === 'hello' || name === 'isMaster' || name === 'ismaster') &&
      cmd.topologyVersion &&
      cmd.maxAwaitTimeMS !== undefined
    ) {
      this.streamHello(socket, conn, msg, connTimers);
      return;
    }
    const res = await runCommand(this.state, conn, cmd);
    if (msg.flags & FLAG_MORE_TO_COME) return; // unacknowledged write: no reply expected
    let out: Buffer;
    try {
      out = encodeOpMsg(msg.requestId, res);
    } catch (e) {
      out = encodeOpMsg(msg.requestId, {
        ok: 0,
        code: 10334,
        codeName: 'BSONObjectTooLarge',
        errmsg: `reply could not be encoded: ${(e as Error).message}`,
      });
    }
    if (!conn.closed) socket.write(out);
  }

  /** Awaitable hello: our topology never changes, so answer every maxAwaitTimeMS (exhaust stream when allowed). */
  private streamHello(
    socket: net.Socket,
    conn: ConnectionInfo,
    msg: IncomingMessage,
    connTimers: Set<NodeJS.Timeout>,
  ): void {
    const wait = Math.max(0, Math.min(Number(msg.command.maxAwaitTimeMS) || 0, 60_000));
    const exhaust = (msg.flags & FLAG_EXHAUST_ALLOWED) !== 0;
    const legacy = Object.keys(msg.command)[0] !== 'hello';
    const reply = (): Document => {
      const res = helloResponse(
        { state: this.state, conn, db: 'admin', name: 'hello', cmd: msg.command, meta: {} },
        legacy,
      );
      const t = this.state.engine.clusterTime();
      res.$clusterTime = {
        clusterTime: t,
        signature: { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) },
      };
      res.operationTime = t;
      return res;
    };
    const send = (more: boolean) => {
      if (conn.closed) return;
      socket.write(encodeOpMsg(msg.requestId, reply(), more ? FLAG_MORE_TO_COME : 0));
    };
    if (exhaust) {
      const t = setInterval(() => send(true), Math.max(wait, 100));
      connTimers.add(t);
      this.timers.add(t);
    } else {
      const t = setTimeout(() => send(false), wait);
      connTimers.add(t);
      this.timers.add(t);
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) {
      clearTimeout(t);
      clearInterval(t);
    }
    this.timers.clear();
    // Closing a Unix socket listener also removes its file.
    const closed = Promise.all(
      this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

/** Whether a server accepts connections on this Unix socket. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
