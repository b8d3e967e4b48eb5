import { writeSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { CONNECT_ERROR_UNAUTHENTICATED, renderMessage, SOCKET_EVENTS, SOCKET_PATH, userRoom } from '@promesse/shared';
import type { AppDeps } from '../core/deps';
import { BODY_LIMIT_BYTES } from '../http/http.guards';
import { localeFromAcceptLanguage } from '../core/locale';
import { authenticate } from '../modules/auth/auth.context';
import { createAuthLoaders } from '../modules/auth/auth.loaders';
import { mutedTypesOf } from '../modules/notification/notification.preferences';
import {
  RealtimeDelivery,
  type HandshakePreferences,
  type RealtimeServer,
  type RealtimeSocket,
} from './realtime.delivery';
import { NotificationFeed, type FeedHandler } from './realtime.feed';

export type { RealtimeServer, RealtimeSocket };

export interface Realtime {
  io: RealtimeServer;
  /** This instance's change stream on notifications (and users, for preferences). */
  feed: NotificationFeed;
  delivery: RealtimeDelivery;
  /** Resolves once the feed's change stream is open: notifications committed from then on are pushed live. */
  ready: Promise<void>;
  /** Disconnects every socket, closes the HTTP server (as io.close does), then stops the feed. */
  close(): Promise<void>;
}

class UnauthenticatedError extends Error {
  readonly data = CONNECT_ERROR_UNAUTHENTICATED;
  constructor(message: string) {
    super(message);
  }
}

const FEED_WAIT_MS = 10_000;
// setTimeout's ceiling (~24.8 days); access tokens live 15 minutes.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * socket.io on the API's HTTP server, authenticated at the handshake with the same JWT as HTTP; each user's
 * sockets share the room `user:<id>`. Notifications reach them through this instance's change stream
 * (realtime.feed.ts explains why), so they are pushed only once committed, whichever instance wrote them.
 */
export function createRealtime(httpServer: HttpServer, deps: AppDeps): Realtime {
  const { env, logger } = deps;
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // engine.io reads its own polling bodies (before Express): the app's one body limit applies there too.
    maxHttpBufferSize: BODY_LIMIT_BYTES,
    cors: env.CORS_ORIGINS.length ? { origin: env.CORS_ORIGINS, credentials: true } : undefined,
  });
  const delivery = new RealtimeDelivery(io, deps);
  // The token each socket was admitted with: re-checked when its user changes (log-out, password change).
  const tokens = new WeakMap<RealtimeSocket, string>();
  const recheck = (userId: string) => {
    void (async () => {
      const loaders = createAuthLoaders(deps);
      for (const socket of await io.local.in(userRoom(userId)).fetchSockets()) {
        const live = io.sockets.sockets.get(socket.id);
        const token = live && tokens.get(live);
        if (live && (!token || !(await authenticate(token, deps, loaders)).actor)) live.disconnect(true);
      }
    })().catch((error: unknown) => logger.error({ err: error }, 'socket session re-check failed'));
  };
  const feed = new NotificationFeed({
    connection: deps.connection,
    logger,
    handler: revocationAware(feedHandler(delivery, deps), recheck),
  }).start();
  // A connected socket misses nothing committed after its connection: sockets wait for the change stream to be
  // open (only ever noticeable at start-up; bounded so a database without change streams still lets them in).
  const feedReady = Promise.race([
    feed.ready,
    new Promise<void>((resolve) => setTimeout(resolve, FEED_WAIT_MS).unref()),
  ]);
  const handshakes = new WeakMap<RealtimeSocket, { preferences: HandshakePreferences; expiresAt: number | null }>();

  io.use((socket, next) => {
    // No user known yet: refusals are worded in the browser's language.
    const locale = localeFromAcceptLanguage(socket.handshake.headers['accept-language']);
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    if (!token) {
      next(new UnauthenticatedError(renderMessage('error.UNAUTHENTICATED', {}, locale)));
      return;
    }
    const loaders = createAuthLoaders(deps);
    (async () => {
      await feedReady;
      const readAt = Date.now();
      const { actor, authProblem, expiresAt } = await authenticate(token, deps, loaders);
      if (!actor) {
        const key = authProblem === 'EXPIRED' ? 'auth.sessionExpired' : 'auth.invalidToken';
        next(new UnauthenticatedError(renderMessage(key, {}, locale)));
        return;
      }
      // Same document authenticate() just loaded (the loader caches it): no extra query.
      const user = await loaders.userById.load(actor.userId);
      socket.data = actor;
      tokens.set(socket, token);
      handshakes.set(socket, {
        preferences: { mutedTypes: mutedTypesOf(user), locale: actor.locale, readAt },
        expiresAt,
      });
      next();
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'socket handshake failed');
      next(new Error(renderMessage('error.INTERNAL_SERVER_ERROR', {}, locale)));
    });
  });

  io.on('connection', (socket) => {
    const handshake = handshakes.get(socket);
    if (!handshake) {
      socket.disconnect(true);
      return;
    }
    handshakes.delete(socket);
    delivery.attach(socket, handshake.preferences);

    // A socket does not outlive its token: at expiry the client reconnects and is refused like on HTTP.
    if (handshake.expiresAt !== null) {
      const timer = setTimeout(
        () => socket.disconnect(true),
        Math.min(Math.max(0, handshake.expiresAt - Date.now()), MAX_TIMER_MS),
      );
      timer.unref();
      socket.once('disconnect', () => clearTimeout(timer));
    }

    socket.on(SOCKET_EVENTS.NOTIFICATIONS_CATCH_UP, (payload: unknown, ack?: unknown) => {
      // Tolerate a client that sends only the callback.
      if (typeof payload === 'function') [payload, ack] = [{}, payload];
      delivery.handle(socket, SOCKET_EVENTS.NOTIFICATIONS_CATCH_UP, () => delivery.catchUp(socket, payload), ack);
    });
    socket.on(SOCKET_EVENTS.NOTIFICATIONS_MARK_READ, (payload: unknown, ack?: unknown) => {
      if (typeof payload === 'function') [payload, ack] = [{}, payload];
      delivery.handle(socket, SOCKET_EVENTS.NOTIFICATIONS_MARK_READ, () => delivery.markRead(socket, payload), ack);
    });
  });

  let closing: Promise<void> | null = null;
  return {
    io,
    feed,
    delivery,
    ready: feed.ready,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await Promise.all([feed.stop(), delivery.close()]);
      })()),
  };
}

// A change to a user document (preferences, language, or sessions revoked) makes the user's sockets on this instance
// show their token again: a revoked session's socket is closed at once, not at token expiry.
function revocationAware(handler: FeedHandler, recheck: (userId: string) => void): FeedHandler {
  return {
    onEvents: (events) => {
      for (const event of events) if (event.kind === 'preferences') recheck(event.userId);
      return handler.onEvents(events);
    },
    onGap: (since) => handler.onGap(since),
  };
}

// Test hook for the "killed between commit and emit" scenario (env.ts honours it only when NODE_ENV=test): the
// notification is committed (the stream reports only commits) and this instance dies before emitting it.
function feedHandler(delivery: RealtimeDelivery, deps: AppDeps): FeedHandler {
  if (!deps.env.TEST_CRASH_AFTER_NOTIFICATION_COMMIT) return delivery;
  return {
    onEvents: (events) => {
      if (events.some((e) => e.kind === 'notification')) {
        // Synchronous write: the logger's buffer would die with the process.
        writeSync(2, 'TEST_CRASH_AFTER_NOTIFICATION_COMMIT: SIGKILL before emitting\n');
        process.kill(process.pid, 'SIGKILL');
        return new Promise<void>(() => undefined);
      }
      return delivery.onEvents(events);
    },
    onGap: (since) => delivery.onGap(since),
  };
}
