import { request } from 'node:http';
import { userModel } from '../src/modules/auth/auth.model';
import { makeSiret, startTestApp, unique, type TestApp } from './helpers';

// Issue 13, items 2 (one body limit) and 6 (CORS, CSRF): each attack as reported, then the fix holding.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const MB = 1024 * 1024;

/** A syntactically valid GraphQL JSON body of about `bytes` bytes. */
function bigJsonBody(bytes: number): string {
  return JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(bytes) } });
}

async function post(path: string, contentType: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  const text = await res.text();
  let json: { errors?: { extensions?: Record<string, unknown>; message: string }[] } | undefined;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers };
}

/** POST with Transfer-Encoding: chunked (no Content-Length), so only the reader can count the bytes. */
function postChunked(path: string, contentType: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, t.url);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': contentType },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The server may answer and close before the whole upload is sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    const chunk = body.slice(0, 64 * 1024);
    let sent = 0;
    const write = () => {
      while (sent < body.length) {
        const ok = req.write(body.slice(sent, sent + chunk.length));
        sent += chunk.length;
        if (!ok) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

describe('item 2: one body limit for every content type and route', () => {
  const over = bigJsonBody(2 * MB);

  it.each([
    'application/json',
    'application/graphql+json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
  ])('refuses a 2 MB %s body on /graphql with 413 and a coded error', async (contentType) => {
    const res = await post('/graphql', contentType, over);
    expect(res.status).toBe(413);
    expect(res.json?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'security.bodyTooLarge' });
    expect(res.json?.errors?.[0]?.message).toBe('Requête trop volumineuse (au plus 1 Mo)');
  });

  it.each(['/healthz', '/some/page', '/dev/mail'])('refuses a 2 MB body on %s with 413 too', async (path) => {
    const res = await post(path, 'application/x-www-form-urlencoded', over);
    expect(res.status).toBe(413);
    expect(res.json?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('refuses a 2 MB socket.io polling body (engine.io reads it, with the same limit)', async () => {
    const open = await (await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`)).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const res = await post(`/socket.io/?EIO=4&transport=polling&sid=${sid}`, 'text/plain;charset=UTF-8', over);
    expect(res.status).toBe(413);
  });

  it('counts the bytes of a chunked body (no Content-Length) as it reads it', async () => {
    expect(await postChunked('/graphql', 'application/graphql+json', over)).toBe(413);
    expect(await postChunked('/graphql', 'application/json', over)).toBe(413);
    // A simple content type is refused before a byte is read.
    expect(await postChunked('/graphql', 'application/x-www-form-urlencoded', over)).toBe(415);
  });

  it('still answers bodies under the limit, as application/json and application/graphql+json', async () => {
    for (const contentType of ['application/json', 'application/graphql+json']) {
      const res = await post('/graphql', contentType, bigJsonBody(MB / 2));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ data: { me: null } });
    }
  });

  it('keeps /healthz answering while 40 oversized uploads are refused', async () => {
    // Refused means a 413, or the connection closed before the upload ended (the server does not read it).
    const uploads = Array.from({ length: 40 }, () =>
      post('/graphql', 'application/graphql+json', bigJsonBody(3 * MB)).catch(() => ({ status: 413 })),
    );
    const started = Date.now();
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    const statuses = (await Promise.all(uploads)).map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([413]));
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('item 6: CORS and CSRF', () => {
  const evil = 'https://evil.example';

  it('never reflects an unknown origin (simple request and preflight)', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: evil },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();

    const preflight = await fetch(`${t.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: evil,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows a configured origin (the dev server) only', async () => {
    const preflight = await fetch(`${t.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('refuses mutations sent as simple requests (form, multipart, text/plain): 415, nothing written', async () => {
    const email = `${unique('csrf')}@example.org`;
    const mutation = 'mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) { token } }';
    const variables = {
      input: {
        companyName: 'CSRF SARL',
        siret: makeSiret(),
        email,
        password: 'correct-horse-battery',
        contactName: 'Eve',
        city: 'Évreux',
        location: { lat: 49.02, lng: 1.15 },
      },
    };
    const form = new URLSearchParams({ query: mutation, variables: JSON.stringify(variables) }).toString();
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', form],
      ['text/plain', JSON.stringify({ query: mutation, variables })],
      [
        'multipart/form-data; boundary=b',
        `--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n${mutation}\r\n--b--`,
      ],
    ];
    for (const [contentType, body] of bodies) {
      const res = await post('/graphql', contentType, body, { origin: evil });
      expect(res.status).toBe(415);
      expect(res.json?.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'security.unsupportedContentType',
      });
    }
    expect(await userModel(t.connection).countDocuments({ email })).toBe(0);
    // A sign-up waits for its e-mail link in companyRegistrations: none was stored either.
    expect(await t.connection.collection('companyRegistrations').countDocuments({ email })).toBe(0);
  });
});

describe('item 6 in production: no CORS origin unless configured', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('does not reflect the dev server nor any other origin', async () => {
    for (const origin of ['http://localhost:5173', 'https://evil.example']) {
      const res = await fetch(`${prod.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
