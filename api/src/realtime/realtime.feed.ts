import { mongo, type Connection } from 'mongoose';
import {
  DEFAULT_LOCALE,
  isOneOf,
  LOCALES,
  NOTIFICATION_TYPES,
  type Locale,
  type NotificationType,
} from '@promesse/shared';
import type { Logger } from '../logger';
import { userModel } from '../modules/auth/auth.model';
import { mutedTypesOf } from '../modules/notification/notification.preferences';
import { notificationModel } from '../modules/notification/notification.model';

// mongoose's own driver (its types differ from the top-level `mongodb` package's).
type ChangeStream = mongo.ChangeStream;
type ChangeStreamDocument = mongo.ChangeStreamDocument;
type Document = mongo.Document;
type ResumeToken = mongo.ResumeToken;

// Why a change stream on the notifications collection rather than @socket.io/mongo-adapter:
// - the adapter only relays what a process emits; if the process that committed dies before its `io.emit`,
//   nobody emits and we would need an outbox poller on top. A change stream reports committed writes only, and
//   every instance watches it, so "persist, then emit" holds by construction and any instance delivers to its
//   own sockets whatever instance wrote the notification;
// - the adapter also adds a capped/TTL collection and a second broadcast channel, which we do not need: every
//   instance emits to its LOCAL sockets only (`io.local`), so there is nothing to relay between instances.
// Offline periods (client or instance) are covered by catch-up on reconnect, so the resume token needs no
// persistence: it only bridges stream errors within one process.

/** A stored notification as the change stream reports it. */
export interface FeedNotification {
  _id: mongo.ObjectId;
  userId: mongo.ObjectId;
  type: NotificationType;
  data?: Record<string, unknown> | null;
  readAt?: Date | null;
  createdAt?: Date;
}

export type FeedEvent =
  | { kind: 'notification'; notification: FeedNotification }
  /** A notification's read mark changed: the user's unread count may have changed. */
  | { kind: 'read'; userId: string }
  /** A user document changed: their (possibly new) notification preferences and language. */
  | { kind: 'preferences'; userId: string; mutedTypes: NotificationType[]; locale: Locale };

export interface FeedHandler {
  /** Events of one change-stream batch, in commit order. */
  onEvents(events: FeedEvent[]): void | Promise<void>;
  /**
   * The stream had to restart without its resume token (history lost): notifications committed since `since` may
   * not have been reported. Called once the new stream is open, so recovery plus the stream cover everything.
   */
  onGap(since: Date): Promise<void>;
}

export interface NotificationFeedOptions {
  connection: Connection;
  logger: Logger;
  handler: FeedHandler;
  /** Backoff between reopen attempts after an error (ms); doubles up to 30 s. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 30_000;
/** Clock skew tolerated between instances when recovering a gap from `createdAt`. */
const GAP_MARGIN_MS = 5_000;
/** A gap recovery never looks further back than this (older ones are for catch-up / the notifications list). */
const GAP_MAX_LOOKBACK_MS = 5 * 60_000;
// mongod codes meaning "your resume token cannot be used": start afresh and recover the gap.
const HISTORY_LOST_CODES = new Set([136, 260, 280, 286]);

export class NotificationFeed {
  /** Resolves once the change stream is open (events committed after that are reported), or on stop. */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private stream: ChangeStream | null = null;
  private resumeToken: ResumeToken | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private lastProgressAt = Date.now();
  private wakeUp: (() => void) | null = null;
  private opened = false;
  private readonly log: Logger;
  private readonly notificationsColl: string;
  private readonly usersColl: string;

  constructor(private readonly options: NotificationFeedOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.log = options.logger.child({ component: 'realtime-feed' });
    this.notificationsColl = notificationModel(options.connection).collection.collectionName;
    this.usersColl = userModel(options.connection).collection.collectionName;
  }

  /** The server cursor behind the change stream, for diagnostics and tests (null while not open). */
  get cursorId(): bigint | null {
    // `cursor` is the driver's internal (untyped) field: read it defensively.
    const cursor: unknown = this.stream && 'cursor' in this.stream ? this.stream.cursor : null;
    const id: unknown = cursor && typeof cursor === 'object' && 'id' in cursor ? cursor.id : null;
    return id instanceof mongo.Long ? id.toBigInt() : null;
  }

  start(): this {
    this.loop ??= this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.markReady();
    this.wakeUp?.();
    await this.stream?.close().catch(() => undefined);
    await this.loop;
  }

  private pipeline(): Document[] {
    return [
      {
        $match: {
          $or: [
            { 'ns.coll': this.notificationsColl, operationType: 'insert' },
            {
              'ns.coll': this.notificationsColl,
              operationType: 'update',
              'updateDescription.updatedFields.readAt': { $exists: true },
            },
            // Preferences live on the user; user updates are rare, so no finer filter (dotted updatedFields keys
            // cannot be matched portably).
            { 'ns.coll': this.usersColl, operationType: { $in: ['update', 'replace'] } },
          ],
        },
      },
      // Less to ship and nothing secret in the events.
      { $project: { updateDescription: 0, 'fullDocument.passwordHash': 0 } },
    ];
  }

  private open(): ChangeStream {
    const db = this.options.connection.db;
    if (!db) throw new Error('database connection not open');
    return db.watch(this.pipeline(), {
      // Read marks and preference changes need the document's userId / preferences.
      fullDocument: 'updateLookup',
      ...(this.resumeToken ? { resumeAfter: this.resumeToken } : {}),
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    let gapSince: Date | null = null;
    while (!this.stopped) {
      let stream: ChangeStream | null = null;
      try {
        stream = this.open();
        this.stream = stream;
        // The aggregate's answer carries the first resume token: from then on every commit is reported (tryNext
        // then waits for a first change, up to the awaitData timeout).
        const opened = this.onOpened.bind(this);
        stream.once('resumeTokenChanged', opened);
        const first = await stream.tryNext();
        stream.off('resumeTokenChanged', opened);
        if (this.stopped) break;
        if (failures > 0) this.log.info({ resumed: this.resumeToken !== null }, 'notification change stream reopened');
        failures = 0;
        this.onOpened();
        if (gapSince) {
          this.log.warn(
            { since: gapSince },
            'change stream history lost: recovering recent notifications from the collection',
          );
          // Kept until recovery succeeded: a failure here reopens the stream and recovers again.
          await this.options.handler.onGap(gapSince);
          gapSince = null;
        }
        let batch: ChangeStreamDocument[] = first ? [first] : [];
        for (;;) {
          while (stream.bufferedCount() > 0) batch.push(await stream.next());
          if (batch.length) {
            await this.dispatch(batch);
            batch = [];
          }
          this.resumeToken = stream.resumeToken ?? this.resumeToken;
          this.lastProgressAt = Date.now();
          // Blocks (awaitData getMores, resuming on resumable errors) until the next change.
          batch.push(await stream.next());
        }
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number' && HISTORY_LOST_CODES.has(code) && this.resumeToken) {
          this.resumeToken = null;
          const floor = Date.now() - GAP_MAX_LOOKBACK_MS;
          gapSince ??= new Date(Math.max(this.lastProgressAt, floor) - GAP_MARGIN_MS);
        }
        const delay = Math.min(
          (this.options.retryDelayMs ?? 250) * 2 ** Math.min(failures - 1, 10),
          MAX_RETRY_DELAY_MS,
        );
        this.log.error(
          { err: error, code, failures, retryInMs: delay },
          'notification change stream failed; reopening',
        );
        await stream?.close().catch(() => undefined);
        await this.sleep(delay);
      }
    }
  }

  private onOpened(): void {
    if (!this.opened) this.log.info('notification change stream open');
    this.opened = true;
    this.markReady();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async dispatch(changes: ChangeStreamDocument[]): Promise<void> {
    const events: FeedEvent[] = [];
    for (const change of changes) {
      const event = this.toEvent(change);
      if (event) events.push(event);
    }
    if (!events.length) return;
    try {
      await this.options.handler.onEvents(events);
    } catch (error) {
      // A delivery bug must not stop the stream (the next batches still deserve delivery).
      this.log.error({ err: error, events: events.length }, 'notification delivery failed');
    }
  }

  private toEvent(change: ChangeStreamDocument): FeedEvent | null {
    if (!('ns' in change) || !change.ns || !('coll' in change.ns)) return null;
    const coll = change.ns.coll;
    if (coll === this.notificationsColl) {
      if (change.operationType === 'insert') {
        const notification = feedNotificationOf(change.fullDocument);
        return notification ? { kind: 'notification', notification } : null;
      }
      if (change.operationType === 'update') {
        const userId = (change.fullDocument as { userId?: unknown } | null | undefined)?.userId;
        return userId ? { kind: 'read', userId: String(userId) } : null;
      }
      return null;
    }
    if (coll === this.usersColl && (change.operationType === 'update' || change.operationType === 'replace')) {
      const user = change.fullDocument;
      if (!user) return null;
      return {
        kind: 'preferences',
        userId: String(change.documentKey._id),
        mutedTypes: mutedTypesOf(user),
        locale: isOneOf(LOCALES, user['locale']) ? user['locale'] : DEFAULT_LOCALE,
      };
    }
    return null;
  }
}

/** A notification document as the stream reports it, or null for one that is not shaped like ours. */
function feedNotificationOf(doc: Document): FeedNotification | null {
  const { _id, userId, type, data, readAt, createdAt } = doc;
  if (!(_id instanceof mongo.ObjectId) || !(userId instanceof mongo.ObjectId)) return null;
  if (!isOneOf(NOTIFICATION_TYPES, type)) return null;
  return {
    _id,
    userId,
    type,
    data: data && typeof data === 'object' ? (data as Record<string, unknown>) : null,
    readAt: readAt instanceof Date ? readAt : null,
    ...(createdAt instanceof Date ? { createdAt } : {}),
  };
}
