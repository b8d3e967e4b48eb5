import type { Socket } from 'socket.io-client';
import {
  SOCKET_EVENTS,
  SOCKET_PATH,
  type CatchUpAck,
  type ClientToServerEvents,
  type NotificationPayload,
  type ServerToClientEvents,
} from '@promesse/shared';
import { authStore } from '../auth/auth.store';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RealtimeStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

type EventName = keyof ServerToClientEvents;
type Handler<E extends EventName> = ServerToClientEvents[E];

/** Ids already dispatched, bounded: enough to drop the duplicates a catch-up can overlap with. */
const SEEN_IDS_MAX = 500;

/**
 * The app's single socket.io connection. Listeners are held here, not on the socket, so components can
 * subscribe before the connection exists and keep their subscription across token changes and reconnects.
 * After a reconnect it asks for what was missed since the last notification seen (the server stores each
 * notification before emitting it), so nothing shown in the bell is lost to a network blip.
 */
export class RealtimeClient {
  private socket: RealtimeSocket | null = null;
  private token: string | null = null;
  private generation = 0;
  private statusValue: RealtimeStatus = 'idle';
  private lastSeenId: string | null = null;
  private readonly seenIds = new Set<string>();
  private readonly handlers: { [E in EventName]: Set<Handler<E>> } = {
    'notification:new': new Set(),
    'notification:unread-count': new Set(),
    'message:new': new Set(),
  };
  private readonly statusListeners = new Set<() => void>();

  get status(): RealtimeStatus {
    return this.statusValue;
  }

  /** Connects with `token`, or replaces the current connection when the token changed. */
  async start(token: string): Promise<void> {
    if (this.token === token && this.socket) return;
    this.stop();
    this.token = token;
    const generation = ++this.generation;
    this.setStatus('connecting');
    // Loaded on demand: anonymous visitors (the log-in page) never download the socket client.
    const { io } = await import('socket.io-client');
    if (generation !== this.generation) return; // stopped or restarted while loading
    const socket: RealtimeSocket = io({
      path: SOCKET_PATH,
      // A function, so every reconnection attempt sends the current token.
      auth: (cb) => cb({ token: this.token }),
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;
    let connectedOnce = false;

    socket.on('connect', () => {
      this.setStatus('connected');
      if (connectedOnce) this.catchUp(socket);
      connectedOnce = true;
    });
    socket.on('disconnect', (reason) => {
      // The server closing the socket does not reconnect on its own; a network loss does.
      if (reason === 'io server disconnect') socket.connect();
      this.setStatus('reconnecting');
    });
    socket.on('connect_error', (err) => {
      const data = (err as Error & { data?: { code?: string } }).data;
      if (data?.code === 'UNAUTHENTICATED') {
        // A refused token will be refused again: stop retrying, and renew the session (a new token restarts the
        // connection; a session that cannot be renewed ends with "Session expirée").
        socket.disconnect();
        this.setStatus('unauthorized');
        void authStore.refresh();
        return;
      }
      this.setStatus('reconnecting');
    });
    socket.on(SOCKET_EVENTS.NOTIFICATION_NEW, (payload) => this.dispatchNotification(payload));
    socket.on(SOCKET_EVENTS.NOTIFICATION_UNREAD_COUNT, (payload) =>
      this.emitLocal('notification:unread-count', payload),
    );
    // A new message in one of the user's conversations: open threads refetch it (the thread is read from the API,
    // so one missed while offline is there on the next read).
    socket.on(SOCKET_EVENTS.MESSAGE_NEW, (payload) => this.emitLocal('message:new', payload));
  }

  stop(): void {
    this.generation++;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.token = null;
    this.lastSeenId = null;
    this.seenIds.clear();
    this.setStatus('idle');
  }

  on<E extends EventName>(event: E, handler: Handler<E>): () => void {
    const set = this.handlers[event] as Set<Handler<E>>;
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const l of this.statusListeners) l();
  }

  private emitLocal<E extends EventName>(event: E, ...args: Parameters<Handler<E>>): void {
    for (const h of this.handlers[event] as Set<Handler<E>>) (h as (...a: Parameters<Handler<E>>) => void)(...args);
  }

  private dispatchNotification(payload: NotificationPayload): void {
    if (this.seenIds.has(payload.id)) return;
    this.seenIds.add(payload.id);
    if (this.seenIds.size > SEEN_IDS_MAX) {
      const oldest = this.seenIds.values().next().value;
      if (oldest !== undefined) this.seenIds.delete(oldest);
    }
    this.lastSeenId = payload.id;
    this.emitLocal('notification:new', payload);
  }

  private catchUp(socket: RealtimeSocket): void {
    if (!this.lastSeenId) return;
    socket.emit(SOCKET_EVENTS.NOTIFICATIONS_CATCH_UP, { afterId: this.lastSeenId }, (ack: CatchUpAck) => {
      if (!ack.ok) return;
      for (const n of ack.notifications) this.dispatchNotification(n);
      if (ack.hasMore) this.catchUp(socket);
    });
  }
}

export const realtime = new RealtimeClient();
