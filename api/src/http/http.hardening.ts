import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// Production hardening of the HTTP layer (issue 13, item 8): security headers through helmet (a CSP without inline
// script, HSTS), a Permissions-Policy, header and request timeouts, and a cap on connections per client IP.

/** Features the app never uses: no page or injected frame may ask for them. */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), ' +
  'interest-cohort=()';

/**
 * helmet's headers with the app's CSP: scripts only from the app's own origin (the built web has no inline script),
 * styles from it too (inline style attributes allowed: React and chart libraries set them), images also as data:
 * URLs (QR codes), connections to the same origin (GraphQL over HTTP, socket.io over ws/wss).
 * `allowDevTools`: GraphiQL (development only) loads its page with inline scripts, so /graphql keeps no CSP there.
 */
export function securityHeaders(options: { graphqlPath: string; allowDevTools: boolean }): RequestHandler {
  const withCsp = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  });
  const withoutCsp = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    const devTool = options.allowDevTools && req.path === options.graphqlPath && req.method === 'GET';
    (devTool ? withoutCsp : withCsp)(req, res, next);
  };
}

/** Node's defaults are generous; a slow client must not hold a connection for minutes (slowloris). */
export const SERVER_TIMEOUTS = {
  /** Whole request headers within this. */
  headersTimeoutMs: 15_000,
  /** Whole request (headers + body) within this. */
  requestTimeoutMs: 30_000,
  /** Idle keep-alive connections close after this. */
  keepAliveTimeoutMs: 5_000,
} as const;

/** Open connections one client IP may hold at once (a school's NAT shares one IP: generous). */
export const MAX_CONNECTIONS_PER_IP = 100;

/**
 * Applies the timeouts and the per-IP connection cap to the HTTP server (socket.io's WebSockets included: they
 * are connections of the same server). A connection over the cap is closed at once.
 */
export function hardenServer(server: HttpServer, maxPerIp = MAX_CONNECTIONS_PER_IP): void {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeoutMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeoutMs;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? 'unknown';
    const count = (open.get(ip) ?? 0) + 1;
    if (count > maxPerIp) {
      socket.destroy();
      return;
    }
    open.set(ip, count);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left <= 0) open.delete(ip);
      else open.set(ip, left);
    });
  });
}
