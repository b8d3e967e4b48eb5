import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { pinoHttp } from 'pino-http';
import { FILES_PATH, PRIVACY_EXPORT_PATH, SOCKET_PATH } from '@promesse/shared';
import { pingDatabase } from './db/database';
import type { AppDeps } from './core/deps';
import { localeFromAcceptLanguage, setScopeLocale, withLocale } from './core/locale';
import type { GraphQLContext } from './graphql/context';
import {
  codeArmorRejection,
  mapError,
  maskError,
  useBadUserInputValidationCodes,
  useNoIntrospection,
} from './graphql/errors';
import { createLoaders } from './graphql/loaders';
import { getSchema } from './graphql/schema';
import type { Logger } from './logger';
import { authenticate } from './modules/auth/auth.context';
import { bearerToken } from './modules/auth/auth.token';
import { devMailHandler, unsubscribeHandler } from './modules/mail/mail.http';
import { filesHandler } from './modules/file/file.http';
import { privacyHandler } from './modules/privacy/privacy.http';
import type { MailRuntime } from './modules/mail/mail.runtime';
import { createRealtime, type Realtime, type RealtimeServer } from './realtime/realtime.server';
import {
  BODY_LIMIT_BYTES,
  bodyLimit,
  bodyTooLarge,
  GRAPHQL_BODY_TYPES,
  graphqlContentTypeGuard,
} from './http/http.guards';
import { sessionCookie } from './http/http.session-cookie';
import { hardenServer, securityHeaders } from './http/http.hardening';

export const GRAPHQL_PATH = '/graphql';
export const HEALTH_PATH = '/healthz';

type ServerContext = { req: Request; res: Response };

export interface App {
  app: Express;
  /** Not listening yet: the caller decides where (server.ts, tests). */
  httpServer: HttpServer;
  io: RealtimeServer;
  /** socket.io plus this instance's notification feed (`realtime.ready`: the change stream is open). */
  realtime: Realtime;
  yoga: YogaServerInstance<ServerContext, GraphQLContext>;
  /**
   * Graceful stop: /healthz turns 503, no new connections, in-flight requests get up to SHUTDOWN_TIMEOUT_MS,
   * sockets are disconnected. The database belongs to the caller and stays open.
   */
  close(): Promise<void>;
}

// Only for the dev tools listed in CORS_ORIGINS (the Vite dev server normally proxies, so same-origin).
function cors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET,POST,OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization,Content-Type,X-Request-Id');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

// Yoga logs masked errors through this, so unexpected errors land in pino with their stack.
function yogaLogger(logger: Logger) {
  const log = logger.child({ component: 'graphql' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      // yoga logs every error it rewrote, coded ones included: a wrong password or a not-found is the client's
      // answer, not a server fault, so it is a one-line debug entry (code and reason), without a stack trace.
      const coded = first instanceof Error && level === 'error' ? mapError(first) : null;
      const code = coded?.extensions['code'];
      if (coded && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
        log.debug({ code, reason: coded.extensions['reason'] }, coded.message);
      } else if (first instanceof Error) log[level]({ err: first }, first.message);
      else log[level]({ args: rest.length ? rest : undefined }, String(first));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function graphqlErrorResponse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

function isApiPath(p: string): boolean {
  return [GRAPHQL_PATH, SOCKET_PATH, HEALTH_PATH, FILES_PATH, PRIVACY_EXPORT_PATH].some(
    (prefix) => p === prefix || p.startsWith(`${prefix}/`),
  );
}

export interface AppOptions {
  /** This process's mail channel: with an in-process SMTP server, /dev/mail lists what it stored (not in production). */
  mail?: Pick<MailRuntime, 'devServer'>;
}

export function buildApp(deps: AppDeps, options: AppOptions = {}): App {
  const { env, logger } = deps;
  const isProduction = env.NODE_ENV === 'production';
  let shuttingDown = false;

  const yoga = createYoga<ServerContext, GraphQLContext>({
    schema: getSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: !isProduction,
    landingPage: false,
    // yoga's own CORS reflects any origin with credentials: the app's cors() below allows only CORS_ORIGINS.
    cors: false,
    logging: yogaLogger(logger),
    maskedErrors: { maskError, isDev: env.NODE_ENV === 'development' },
    plugins: [
      EnvelopArmorPlugin({
        // Each rejection carries extensions.code (BAD_USER_INPUT, reason security.queryTooComplex).
        maxDepth: { n: 10, onReject: [codeArmorRejection] },
        maxAliases: { n: 15, onReject: [codeArmorRejection] },
        costLimit: { maxCost: 5000, onReject: [codeArmorRejection] },
        maxTokens: { n: 2000, onReject: [codeArmorRejection] },
        maxDirectives: { n: 50, onReject: [codeArmorRejection] },
        blockFieldSuggestion: { enabled: isProduction },
      }),
      useBadUserInputValidationCodes(),
      // The schema is printed in the repository (api/schema.graphql): production does not answer introspection.
      ...(isProduction ? [useNoIntrospection()] : []),
    ],
    context: async ({ req, res, request }): Promise<GraphQLContext> => {
      const loaders = createLoaders(deps);
      const { actor, authProblem } = await authenticate(
        bearerToken(request.headers.get('authorization')),
        deps,
        loaders,
      );
      // From here on, messages (errors included) are worded in the user's own language.
      if (actor) setScopeLocale(actor.locale);
      return {
        actor,
        authProblem,
        requestId: String(req.id),
        ip: req.ip ?? req.socket.remoteAddress ?? '',
        deps,
        loaders,
        logger: req.log,
        sessionCookie: sessionCookie(req, res, isProduction),
      };
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', env.TRUST_PROXY);
  app.use(securityHeaders({ graphqlPath: GRAPHQL_PATH, allowDevTools: !isProduction }));
  app.use(
    pinoHttp({
      logger: logger.child({ component: 'http' }),
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === HEALTH_PATH },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // One line per request is noise at the default level: requests log at debug, client errors (4xx) at info,
      // only server faults at error.
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    }),
  );
  app.use(bodyLimit());
  if (env.CORS_ORIGINS.length) app.use(cors(env.CORS_ORIGINS));

  app.get(HEALTH_PATH, async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting-down', db: 'unknown' });
      return;
    }
    const up = await pingDatabase(deps.connection);
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'error', db: up ? 'up' : 'down' });
  });

  // Each request runs in its own language scope: the browser's Accept-Language until the user is known.
  app.use(
    GRAPHQL_PATH,
    graphqlContentTypeGuard(),
    express.json({ limit: BODY_LIMIT_BYTES, type: GRAPHQL_BODY_TYPES }),
    (req, res) => withLocale(localeFromAcceptLanguage(req.headers['accept-language']), () => yoga(req, res)),
  );

  // CVs and conversation attachments: multipart upload and streamed download (modules/file/file.http.ts).
  app.use(filesHandler(deps));
  // The personal data export (a ZIP), same authentication as files (modules/privacy/privacy.http.ts).
  app.use(privacyHandler(deps));

  // One-click unsubscribe links of e-mails (RFC 8058) and the development mailbox.
  app.use(unsubscribeHandler(deps, env.JWT_SECRET));
  if (options.mail) app.use(devMailHandler(options.mail, env.NODE_ENV));

  // The built web app, same origin as the API. Vite's hashed assets are immutable; index.html is not.
  const webDist = env.WEB_DIST_DIR;
  const indexHtml = path.join(webDist, 'index.html');
  app.use(
    express.static(webDist, {
      index: false,
      setHeaders: (res, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  // SPA fallback: any other GET for a page (not an API path, not a file) gets index.html; the router takes over.
  app.get(/.*/, (req, res, next) => {
    if (isApiPath(req.path) || path.extname(req.path) !== '' || !req.accepts('html')) {
      next();
      return;
    }
    if (!existsSync(indexHtml)) {
      res
        .status(404)
        .type('text/plain')
        .send(`Web app not built (${indexHtml} missing): run "npm run build -w @promesse/web" or use "npm start".`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });

  const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      bodyTooLarge(res, req.headers['accept-language']);
      return;
    }
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
      graphqlErrorResponse(res, 400, 'BAD_USER_INPUT', 'Malformed JSON body');
      return;
    }
    req.log.error({ err }, 'unhandled error');
    graphqlErrorResponse(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  };
  app.use(errorHandler);

  const httpServer = createServer(app);
  hardenServer(httpServer);
  const realtime = createRealtime(httpServer, deps);
  const io = realtime.io;

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    shuttingDown = true;
    const timer = setTimeout(() => {
      logger.warn({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'shutdown timeout: closing remaining connections');
      httpServer.closeAllConnections();
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      // io.close() disconnects every socket, then closes the HTTP server, which stops accepting connections and
      // resolves once in-flight requests have been answered; then the notification feed stops.
      await realtime.close();
      await yoga.dispose();
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    app,
    httpServer,
    io,
    realtime,
    yoga,
    close: () => (closing ??= close()),
  };
}
