import { Types } from 'mongoose';
import type { Socket } from 'socket.io';
import {
  CATCH_UP_LIMIT_MAX,
  isAppError,
  renderMessage,
  catchUpPayloadSchema,
  markReadPayloadSchema,
  SOCKET_EVENTS,
  userRoom,
  type AckError,
  type CatchUpAck,
  type ClientToServerEvents,
  type InterServerEvents,
  type Locale,
  type MarkReadAck,
  type NotificationPayload,
  type NotificationType,
  type ServerToClientEvents,
  type SocketData,
} from '@promesse/shared';
import type { AppDeps } from '../core/deps';
import type { Logger } from '../logger';
import { notificationModel } from '../modules/notification/notification.model';
import { countUnreadNotifications, markNotificationsRead } from '../modules/notification/notification.use-cases';
import type { FeedEvent, FeedHandler } from './realtime.feed';
import { toMessageNewPayload, toNotificationPayload, type NotificationSource } from './realtime.payload';
import type { Server } from 'socket.io';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What the handshake read about the user's preferences and language, and when (to settle races with the stream). */
export interface HandshakePreferences {
  mutedTypes: NotificationType[];
  locale: Locale;
  readAt: number;
}

/** Catch-up page size when the client gives no limit. */
export const CATCH_UP_LIMIT_DEFAULT = 100;
/** Ids remembered per socket to keep a live push and a catch-up answer from sending the same notification twice. */
const DELIVERED_IDS_MAX = 500;
/** How long a preference change seen on the stream is kept for users that are still handshaking. */
const RECENT_PREFERENCES_MS = 60_000;
// Users per `$in` query: the embedded engine matches `$in` in time proportional to docs x values (1,000 users:
// seconds; 20 queries of 50: a tenth of that).
const IN_CHUNK = 50;

interface LocalUser {
  sockets: number;
  muted: Set<NotificationType>;
  /** The language notifications are rendered in for this user. */
  locale: Locale;
  /** Last unread count pushed (pushes only happen when it changes). */
  lastCount: number | undefined;
}

/**
 * Delivers the notification feed to this instance's sockets: `notification:new` to every connection of the
 * recipient (unless the type is muted; each socket at most once), `notification:unread-count` when a recipient's
 * count changes, and the catch-up / mark-read requests of the clients.
 */
export class RealtimeDelivery implements FeedHandler {
  private readonly users = new Map<string, LocalUser>();
  private readonly recentPreferences = new Map<
    string,
    { mutedTypes: NotificationType[]; locale: Locale; at: number }
  >();
  private readonly delivered = new WeakMap<RealtimeSocket, Set<string>>();
  /** Users whose count must be recomputed, with the new sockets that need a first figure anyway. */
  private readonly pendingCounts = new Map<string, Set<RealtimeSocket>>();
  private countsScheduled = false;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly log: Logger;

  constructor(
    private readonly io: RealtimeServer,
    private readonly deps: AppDeps,
  ) {
    this.log = deps.logger.child({ component: 'realtime' });
  }

  /** Number of distinct users with at least one socket on this instance. */
  get localUserCount(): number {
    return this.users.size;
  }

  /** A socket passed the handshake: join the user's room, start tracking preferences, send the unread count. */
  attach(socket: RealtimeSocket, preferences: HandshakePreferences): void {
    const { userId } = socket.data;
    this.delivered.set(socket, new Set());
    let user = this.users.get(userId);
    if (!user) {
      // A change seen on the stream after the handshake read the user wins over what the handshake read.
      const recent = this.recentPreferences.get(userId);
      const latest = recent && recent.at >= preferences.readAt ? recent : preferences;
      user = { sockets: 0, muted: new Set(latest.mutedTypes), locale: latest.locale, lastCount: undefined };
      this.users.set(userId, user);
    }
    user.sockets += 1;
    void socket.join(userRoom(userId));
    socket.once('disconnect', () => this.detach(userId));
    this.requestCounts([userId], socket);
  }

  private detach(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    user.sockets -= 1;
    if (user.sockets <= 0) this.users.delete(userId);
  }

  /** Stops pushing counts; resolves once an in-flight count query is over (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
  }

  // ---------- feed ----------

  onEvents(events: FeedEvent[]): void {
    const refresh = new Set<string>();
    for (const event of events) {
      if (event.kind === 'notification') {
        const userId = String(event.notification.userId);
        const user = this.users.get(userId);
        if (!user) continue;
        refresh.add(userId);
        // The conversation itself is live whatever the user muted (muting silences the notification only).
        if (event.notification.type === 'MESSAGE_RECEIVED') this.pushMessage(userId, event.notification);
        if (user.muted.has(event.notification.type)) continue;
        this.push(userId, toNotificationPayload(event.notification, user.locale));
      } else if (event.kind === 'read') {
        if (this.users.has(event.userId)) refresh.add(event.userId);
      } else {
        this.setPreferences(event.userId, event.mutedTypes, event.locale);
      }
    }
    if (refresh.size) this.requestCounts(refresh);
  }

  async onGap(since: Date): Promise<void> {
    const userIds = [...this.users.keys()];
    const floor = Types.ObjectId.createFromTime(Math.floor(since.getTime() / 1000));
    const Notification = notificationModel(this.deps.connection);
    let recovered = 0;
    for (let i = 0; i < userIds.length; i += IN_CHUNK) {
      const chunk = userIds.slice(i, i + IN_CHUNK).map((id) => new Types.ObjectId(id));
      const docs = await Notification.find({ userId: { $in: chunk }, _id: { $gte: floor } })
        .sort({ _id: 1 })
        .lean<(NotificationSource & { userId: Types.ObjectId })[]>();
      for (const doc of docs) {
        const userId = String(doc.userId);
        const user = this.users.get(userId);
        if (!user || user.muted.has(doc.type as NotificationType)) continue;
        recovered += this.push(userId, toNotificationPayload(doc, user.locale));
      }
    }
    this.log.warn({ since, users: userIds.length, recovered }, 'notification gap recovered');
    this.requestCounts(userIds);
  }

  private setPreferences(userId: string, mutedTypes: NotificationType[], locale: Locale): void {
    const now = Date.now();
    for (const [id, entry] of this.recentPreferences) {
      if (now - entry.at > RECENT_PREFERENCES_MS) this.recentPreferences.delete(id);
    }
    this.recentPreferences.set(userId, { mutedTypes, locale, at: now });
    const user = this.users.get(userId);
    if (user) {
      user.muted = new Set(mutedTypes);
      user.locale = locale;
    }
  }

  /** Sends to every local socket of the user that has not had it yet; returns how many sockets got it. */
  private push(userId: string, payload: NotificationPayload): number {
    const room = this.io.sockets.adapter.rooms.get(userRoom(userId));
    if (!room) return 0;
    let sent = 0;
    for (const socketId of room) {
      const socket = this.io.sockets.sockets.get(socketId);
      const seen = socket && this.delivered.get(socket);
      if (!socket || !seen || seen.has(payload.id)) continue;
      remember(seen, payload.id);
      socket.emit(SOCKET_EVENTS.NOTIFICATION_NEW, payload);
      sent += 1;
    }
    return sent;
  }

  /** `message:new` to every local socket of the user. */
  private pushMessage(userId: string, notification: NotificationSource): void {
    const payload = toMessageNewPayload(notification);
    if (payload) this.io.local.to(userRoom(userId)).emit(SOCKET_EVENTS.MESSAGE_NEW, payload);
  }

  // ---------- unread counts ----------

  /**
   * Recounts the users' unread notifications after the events of a tick and pushes the counts that changed to all
   * their sockets; `newSocket` also gets the figure when it did not change (its first one). One aggregation at a
   * time, so a slow count can never overwrite a newer one.
   */
  private requestCounts(userIds: Iterable<string>, newSocket?: RealtimeSocket): void {
    for (const id of userIds) {
      let entry = this.pendingCounts.get(id);
      if (!entry) this.pendingCounts.set(id, (entry = new Set()));
      if (newSocket) entry.add(newSocket);
    }
    if (this.countsScheduled || this.closed) return;
    this.countsScheduled = true;
    setImmediate(() => {
      this.flushing = this.flushCounts();
    });
  }

  private async flushCounts(): Promise<void> {
    let retry: Map<string, Set<RealtimeSocket>> | null = null;
    try {
      while (this.pendingCounts.size && !this.closed) {
        const batch = new Map(this.pendingCounts);
        this.pendingCounts.clear();
        try {
          await this.pushCounts(batch);
        } catch (error) {
          if (this.closed) break;
          this.log.error({ err: error, users: batch.size }, 'unread count push failed; retrying');
          retry = batch;
          break;
        }
      }
    } finally {
      this.countsScheduled = false;
    }
    if (retry && !this.closed) {
      const again = retry;
      setTimeout(() => {
        for (const [id, sockets] of again) {
          if (!sockets.size) this.requestCounts([id]);
          for (const socket of sockets) this.requestCounts([id], socket);
        }
      }, 1000).unref();
    }
  }

  private async pushCounts(batch: Map<string, Set<RealtimeSocket>>): Promise<void> {
    const ids = [...batch.keys()].filter((id) => this.users.has(id));
    const Notification = notificationModel(this.deps.connection);
    for (let i = 0; i < ids.length && !this.closed; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const rows = await Notification.aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { userId: { $in: chunk.map((id) => new Types.ObjectId(id)) }, readAt: null } },
        { $group: { _id: '$userId', count: { $sum: 1 } } },
      ]);
      const counts = new Map(rows.map((r) => [String(r._id), r.count]));
      for (const id of chunk) {
        const user = this.users.get(id);
        if (!user) continue;
        const count = counts.get(id) ?? 0;
        if (user.lastCount !== count) {
          user.lastCount = count;
          this.io.local.to(userRoom(id)).emit(SOCKET_EVENTS.NOTIFICATION_UNREAD_COUNT, { count });
        } else {
          for (const socket of batch.get(id) ?? []) {
            if (socket.connected) socket.emit(SOCKET_EVENTS.NOTIFICATION_UNREAD_COUNT, { count });
          }
        }
      }
    }
  }

  // ---------- client requests ----------

  /** `notifications:catch-up`: the caller's notifications newer than `afterId`, oldest first (the `notifications` list). */
  async catchUp(socket: RealtimeSocket, raw: unknown): Promise<CatchUpAck> {
    const parsed = catchUpPayloadSchema.safeParse(raw ?? {});
    if (!parsed.success)
      return ackError('BAD_USER_INPUT', parsed.error.issues[0]?.message ?? renderMessage('error.BAD_USER_INPUT'));
    const { afterId } = parsed.data;
    const limit = Math.min(parsed.data.limit ?? CATCH_UP_LIMIT_DEFAULT, CATCH_UP_LIMIT_MAX);
    const userId = new Types.ObjectId(socket.data.userId);
    const Notification = notificationModel(this.deps.connection);
    let docs: NotificationSource[];
    let hasMore = false;
    if (afterId) {
      docs = await Notification.find({ userId, _id: { $gt: new Types.ObjectId(afterId) } })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean<NotificationSource[]>();
      hasMore = docs.length > limit;
      docs = docs.slice(0, limit);
    } else {
      // No reference point: the most recent ones (older ones are for the paginated `notifications` query).
      docs = (
        await Notification.find({ userId }).sort({ _id: -1 }).limit(limit).lean<NotificationSource[]>()
      ).reverse();
    }
    const locale = this.users.get(socket.data.userId)?.locale ?? socket.data.locale;
    const notifications = docs.map((doc) => toNotificationPayload(doc, locale));
    // The client has these now: a live push racing with this answer must not send them again.
    const seen = this.delivered.get(socket);
    if (seen) for (const n of notifications) remember(seen, n.id);
    return { ok: true, notifications, hasMore };
  }

  /** `notifications:mark-read`: like the `markNotificationsRead` mutation; answers with the new unread count. */
  async markRead(socket: RealtimeSocket, raw: unknown): Promise<MarkReadAck> {
    const parsed = markReadPayloadSchema.safeParse(raw ?? {});
    if (!parsed.success)
      return ackError('BAD_USER_INPUT', parsed.error.issues[0]?.message ?? renderMessage('error.BAD_USER_INPUT'));
    const caller = { deps: this.deps, actor: socket.data };
    const changed = await markNotificationsRead(caller, { ids: parsed.data.ids ?? null });
    const unreadCount = await countUnreadNotifications(caller, {});
    return { ok: true, changed, unreadCount };
  }

  /** Runs a client request and acks its result; unexpected errors are logged and masked. */
  handle<T>(socket: RealtimeSocket, event: string, work: () => Promise<T | AckError>, ack: unknown): void {
    if (typeof ack !== 'function') return; // nothing to answer to
    const reply = ack as (result: T | AckError) => void;
    work().then(reply, (error: unknown) => {
      if (isAppError(error)) {
        reply(ackError(error.code, error.message));
        return;
      }
      this.log.error({ err: error, event, userId: socket.data.userId }, 'socket request failed');
      reply(ackError('INTERNAL_SERVER_ERROR', renderMessage('error.INTERNAL_SERVER_ERROR')));
    });
  }
}

function ackError(code: AckError['error']['code'], message: string): AckError {
  return { ok: false, error: { code, message } };
}

function remember(seen: Set<string>, id: string): void {
  seen.add(id);
  if (seen.size > DELIVERED_IDS_MAX) {
    const oldest = seen.values().next().value;
    if (oldest !== undefined) seen.delete(oldest);
  }
}
