// A socket.io-client wrapper for tests and benchmarks: records what the server pushes and waits for it.
// Not imported by the server.
import { io as connectSocket, type Socket } from 'socket.io-client';
import {
  SOCKET_EVENTS,
  SOCKET_PATH,
  type CatchUpAck,
  type CatchUpPayload,
  type ClientToServerEvents,
  type MarkReadAck,
  type MarkReadPayload,
  type NotificationPayload,
  type ServerToClientEvents,
} from '@promesse/shared';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Waits are bounded so a missing event fails the test instead of hanging it; not a timing assertion. */
export const WAIT_MS = 15_000;

interface Waiter {
  check(): boolean;
}

export class RealtimeTestClient {
  /** Every `notification:new`, in arrival order (duplicates included: tests check there are none). */
  readonly notifications: NotificationPayload[] = [];
  /** Every `notification:unread-count` figure, in arrival order. */
  readonly counts: number[] = [];
  private readonly waiters = new Set<Waiter>();

  private constructor(readonly socket: ClientSocket) {
    socket.on(SOCKET_EVENTS.NOTIFICATION_NEW, (n) => {
      this.notifications.push(n);
      this.poke();
    });
    socket.on(SOCKET_EVENTS.NOTIFICATION_UNREAD_COUNT, ({ count }) => {
      this.counts.push(count);
      this.poke();
    });
  }

  /** Connects (websocket only, no automatic reconnection); rejects with the connect_error. */
  static connect(
    url: string,
    token: string | undefined,
    options: { timeoutMs?: number } = {},
  ): Promise<RealtimeTestClient> {
    const socket: ClientSocket = connectSocket(url, {
      path: SOCKET_PATH,
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: options.timeoutMs ?? WAIT_MS,
    });
    const client = new RealtimeTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', (error) => {
        socket.disconnect();
        reject(error);
      });
    });
  }

  /** The connect_error's `data` (e.g. `{ code: 'UNAUTHENTICATED' }`), or throws if the connection was accepted. */
  static async refusal(url: string, token: string | undefined): Promise<{ message: string; data: unknown }> {
    try {
      const client = await RealtimeTestClient.connect(url, token);
      client.close();
    } catch (error) {
      return { message: (error as Error).message, data: (error as Error & { data?: unknown }).data };
    }
    throw new Error('the connection was accepted');
  }

  get ids(): string[] {
    return this.notifications.map((n) => n.id);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private poke(): void {
    for (const w of [...this.waiters]) w.check();
  }

  /** Resolves once `predicate` holds (checked now and after every push). */
  until(predicate: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (!predicate()) return false;
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(this.notifications.map((n) => [n.type, n.id]))} counts ${JSON.stringify(this.counts)}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The first notification matching `predicate` (already received or to come). */
  async waitFor(predicate: (n: NotificationPayload) => boolean, what = 'a notification'): Promise<NotificationPayload> {
    await this.until(() => this.notifications.some(predicate), what);
    return this.notifications.find(predicate)!;
  }

  async waitForCount(count: number): Promise<void> {
    await this.until(() => this.counts.at(-1) === count, `unread count ${count}`);
  }

  catchUp(payload: CatchUpPayload): Promise<CatchUpAck> {
    return this.socket.timeout(WAIT_MS).emitWithAck(SOCKET_EVENTS.NOTIFICATIONS_CATCH_UP, payload);
  }

  markRead(payload: MarkReadPayload): Promise<MarkReadAck> {
    return this.socket.timeout(WAIT_MS).emitWithAck(SOCKET_EVENTS.NOTIFICATIONS_MARK_READ, payload);
  }

  /** Connects the same client again (after a drop), like socket.io's automatic reconnection would. */
  reconnect(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        this.socket.off('connect', onConnect);
        reject(error);
      };
      const onConnect = () => {
        this.socket.off('connect_error', onError);
        resolve();
      };
      this.socket.once('connect', onConnect);
      this.socket.once('connect_error', onError);
      this.socket.connect();
    });
  }

  /** Resolves when the server closes the connection (or it drops). */
  disconnected(): Promise<string> {
    if (!this.socket.connected) return Promise.resolve('not connected');
    return new Promise((resolve) => this.socket.once('disconnect', (reason) => resolve(reason)));
  }

  close(): void {
    this.socket.disconnect();
  }
}
