import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
  CONNECT_ERROR_UNAUTHENTICATED,
  SOCKET_PATH,
  userRoom,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@promesse/shared';
import type { AppDeps } from '../graphql/context';
import { createLoaders } from '../graphql/loaders';
import { authenticate } from '../modules/auth/auth.context';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

class UnauthenticatedError extends Error {
  readonly data = CONNECT_ERROR_UNAUTHENTICATED;
  constructor(message: string) {
    super(message);
  }
}

/** socket.io on the API's HTTP server; the handshake must carry `auth: { token }` with the same JWT as HTTP. */
export function createRealtimeServer(httpServer: HttpServer, deps: AppDeps): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    cors: deps.env.CORS_ORIGINS.length ? { origin: deps.env.CORS_ORIGINS, credentials: true } : undefined,
  });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    if (!token) {
      next(new UnauthenticatedError('Authentification requise'));
      return;
    }
    authenticate(token, deps, createLoaders(deps)).then(
      ({ actor, authProblem }) => {
        if (!actor) {
          next(new UnauthenticatedError(authProblem === 'EXPIRED' ? 'Session expirée' : 'Jeton invalide'));
          return;
        }
        socket.data = actor;
        next();
      },
      (error: unknown) => {
        deps.logger.error({ err: error }, 'socket handshake failed');
        next(new Error('Erreur interne'));
      },
    );
  });

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.userId));
  });

  return io;
}
