import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_CONNECTIONS_PER_IP, SERVER_TIMEOUTS } from '../src/http/http.hardening';
import { startTestApp, type TestApp } from './helpers';

// Issue 13, item 8: production hardening. Introspection off with NODE_ENV=production, graphql-armor rejections
// coded, helmet's CSP (no inline script) + HSTS + Permissions-Policy, header/request timeouts, a per-IP
// connection cap. (Password policy beyond length: api/test/security.input.test.ts.)

const INTROSPECTION = `{ __schema { queryType { name } } }`;

let prod: TestApp;
let dev: TestApp;
beforeAll(async () => {
  // A built web app stand-in, as Vite writes it: one external module script, no inline script.
  const dist = mkdtempSync(path.join(tmpdir(), 'promesse-web-'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body></body></html>',
  );
  prod = await startTestApp({ NODE_ENV: 'production', WEB_DIST_DIR: dist });
  dev = await startTestApp();
});
afterAll(async () => {
  await Promise.all([prod.close(), dev.close()]);
});

describe('GraphQL', () => {
  it('answers no introspection in production (coded), and still does in development and tests', async () => {
    const refused = await prod.gql(INTROSPECTION);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'security.introspectionDisabled',
    });
    const allowed = await dev.gql(INTROSPECTION);
    expect(allowed.errors).toBeUndefined();
  });

  it('armor rejections carry extensions.code', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: towns(search: "x") { name }`).join(' ');
    const deep = `{ ${'jobPromises { edges { node { company { '.repeat(4)} id ${'} } } }'.repeat(4)} }`;
    for (const query of [`{ ${aliases} }`, deep]) {
      for (const app of [prod, dev]) {
        const res = await app.gql(query);
        expect(res.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'security.queryTooComplex',
        });
      }
    }
  });
});

describe('headers', () => {
  it('CSP without inline script, HSTS and Permissions-Policy on pages and on the API', async () => {
    for (const url of [`${prod.url}/`, `${prod.url}/company/promises`, `${prod.url}/healthz`]) {
      const res = await fetch(url);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toBe("'self'");
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\)/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('the web app has no inline script (what the CSP would block)', () => {
    const root = path.resolve(__dirname, '../../web');
    const pages = [path.join(root, 'index.html'), path.join(root, 'dist/index.html')].filter((p) => existsSync(p));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
        expect(tag).toMatch(/\bsrc=/);
        expect(tag.replace(/<script\b[^>]*>|<\/script>/g, '').trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
    }
  });
});

describe('the HTTP server', () => {
  it('sets header and request timeouts', () => {
    const server = prod.app.httpServer;
    expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(SERVER_TIMEOUTS.keepAliveTimeoutMs);
  });

  it(`caps open connections per client IP at ${MAX_CONNECTIONS_PER_IP}`, async () => {
    const { port } = new URL(prod.url);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const s = connect(Number(port), '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < MAX_CONNECTIONS_PER_IP; i++) sockets.push(await open());
      const extra = await open();
      sockets.push(extra);
      // The server closes the connection over the cap at once.
      await new Promise<void>((resolve) => extra.once('close', () => resolve()));
      expect(extra.destroyed).toBe(true);
      // The others are still open: one of them closes, and a new connection is accepted again.
      sockets[0]!.destroy();
      await new Promise((r) => setTimeout(r, 200));
      const again = await open();
      sockets.push(again);
      const res = await fetch(`${prod.url}/healthz`).catch(() => null);
      expect(again.destroyed).toBe(false);
      expect(res === null || res.status === 200 || res.status === 503).toBe(true);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});
