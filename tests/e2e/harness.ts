// End-to-end harness: builds the web app when needed, starts the real API server process on a free port with
// an in-memory embedded engine, launches Debian's Chromium through playwright-core (never a downloaded
// browser), and offers axe-core checks and screenshots.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { listStoredMails } from '../../api/src/modules/mail/mail.store';
import { freePort } from '../server/free-port';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'screenshots');
const WEB_DIR = path.join(ROOT, 'web');
const WEB_INDEX = path.join(WEB_DIR, 'dist', 'index.html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------------------------------
// Processes

function runCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`)),
    );
  });
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === '__generated__') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

let webBuild: Promise<void> | null = null;

/** Builds web/dist when it is missing or older than its sources (so a test never runs against stale pages). */
export function ensureWebBuilt(): Promise<void> {
  webBuild ??= (async () => {
    const sources = Math.max(
      ...[
        'src',
        'public',
        'index.html',
        'package.json',
        'vite.config.ts',
        'codegen.ts',
        '../shared/src',
        '../api/schema.graphql',
      ].map((p) => newestMtime(path.join(WEB_DIR, p))),
    );
    if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= sources) return;
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build: build as production.
    await runCommand(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', '@promesse/web'], ROOT, {
      ...process.env,
      NODE_ENV: 'production',
    });
  })();
  return webBuild;
}

export interface TestServer {
  url: string;
  /** The bootstrap federation admin created at start (always set by the harness). */
  admin: { email: string; password: string };
  /** Where the server's in-process SMTP server stores the `.eml` files it receives (read with mail.store's functions). */
  mailDir: string;
  /** Last lines the server printed, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  seedDemo?: boolean;
  env?: Record<string, string>;
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  for (;;) {
    if (exited) throw new Error(`API server ${exited} before /healthz answered:\n${logs()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API server: no 200 on /healthz within ${timeoutMs} ms:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts `api/src/server.ts` (through tsx) as its own process, exactly as `npm start` runs it, on a free port,
 * with a throw-away in-memory engine and a bootstrap admin. The web app must be built first (see ensureWebBuilt).
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  await ensureWebBuilt();
  const port = await freePort();
  const admin = { email: 'admin.e2e@promesse.test', password: `e2e-${randomBytes(9).toString('base64url')}` };
  const mailDir = await mkdtemp(path.join(tmpdir(), 'promesse-e2e-mail-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api', 'src', 'server.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: ':memory:',
      SEED_DEMO: options.seedDemo ? 'true' : 'false',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      LOG_LEVEL: 'warn',
      MAIL_STORE_DIR: mailDir,
      // Links in e-mails open this server, as the browser reaches it.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...options.env,
    },
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const logs = () => output;
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // Graceful shutdown is the server's job; a hung one must not hang the test run.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    await rm(mailDir, { recursive: true, force: true });
  };

  try {
    // The demo seed takes ~30 s on an idle machine but over two minutes when the 2 cores are shared by several runs.
    await waitForHealth(url, child, logs, 240_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, admin, mailDir, logs, stop };
}

/** Calls the API's GraphQL endpoint over HTTP (for test set-up the browser does not need to click through). */
export async function graphqlRequest<T = Record<string, unknown>>(
  server: Pick<TestServer, 'url'>,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/**
 * The first link to `pathPrefix` (e.g. `/invitation/`) in the newest message to `to` that the server's in-process
 * SMTP server stored (the same `.eml` store the API tests read), waiting for it to arrive.
 */
export async function mailedLink(
  server: Pick<TestServer, 'mailDir'>,
  to: string,
  pathPrefix: string,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await listStoredMails(server.mailDir);
    for (const mail of mails.filter((m) => m.to.includes(to))) {
      const link = (mail.text ?? '')
        .split(/\s+/)
        .find((word) => /^https?:\/\//.test(word) && word.includes(pathPrefix));
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with a link to ${pathPrefix} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Signs a company up through the API and follows the e-mailed confirmation link (verifyEmail), as its recruiter
 * would: returns the recruiter's access token.
 */
export async function registerVerifiedCompany(
  server: Pick<TestServer, 'url' | 'mailDir'>,
  input: Record<string, unknown> & { email: string },
): Promise<string> {
  await graphqlRequest(
    server,
    'mutation ($input: RegisterCompanyInput!) { registerCompany(input: $input) { token } }',
    {
      input,
    },
  );
  const link = await mailedLink(server, input.email, '/verification-email#');
  const { verifyEmail } = await graphqlRequest<{ verifyEmail: { token: string } }>(
    server,
    'mutation ($token: String!) { verifyEmail(token: $token) { token } }',
    { token: link.slice(link.indexOf('#') + 1) },
  );
  return verifyEmail.token;
}

// ---------------------------------------------------------------------------------------------------------------
// Browser

/** Chromium may still be installing (apt) when tests start: wait for the binary rather than fail. */
async function waitForChromium(timeoutMs = 10 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > deadline) {
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export async function launchBrowser(): Promise<Browser> {
  await waitForChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;

/** A fresh context (own storage: own session) with a French browser, as our users have. */
export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'fr-FR', viewport });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Width of the document beyond the viewport (0 when nothing overflows horizontally). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

// ---------------------------------------------------------------------------------------------------------------
// Accessibility

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/** Runs axe-core (WCAG 2.1 A/AA + best practices) on the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate<boolean>('typeof window.axe !== "undefined"');
  // Evaluated through the DevTools protocol, not as a <script> tag: the app's CSP (no inline script) stays enforced
  // for the app itself and still lets the test read the page.
  if (!injected) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    })))
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails with the readable list when axe finds a serious or critical violation on the page. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const violations = await seriousA11yViolations(page);
  if (violations.length) throw new Error(`axe found serious/critical violations:\n${formatViolations(violations)}`);
}

/**
 * axe at 1280 px, then at 360 px (once `ready` shows, when given) with nothing overflowing sideways; a screenshot at
 * each width (`<name>-1280`, `<name>-360`). Leaves the page at 1280 px.
 */
export async function checkBothWidths(page: Page, name: string, ready?: Locator): Promise<void> {
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(VIEWPORTS.phone);
  await ready?.waitFor();
  expect(await horizontalOverflow(page)).toBe(0);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, `${name}-360`);
  await page.setViewportSize(VIEWPORTS.desktop);
}

/**
 * axe at 1280 px then at 360 px (the two widths of issue 16's review), on the page as it is (an open list stays
 * open); the page is left at 1280 px.
 */
export async function expectNoSeriousA11yViolationsAtBothWidths(page: Page): Promise<void> {
  for (const [name, size] of [
    ['1280 px', VIEWPORTS.desktop],
    ['360 px', VIEWPORTS.phone],
  ] as const) {
    await page.setViewportSize(size);
    const violations = await seriousA11yViolations(page);
    if (violations.length) {
      throw new Error(`axe found serious/critical violations at ${name}:\n${formatViolations(violations)}`);
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Logs in through the log-in page, as a person would, and waits for the landing page. */
export async function logInThroughPage(
  page: Page,
  account: { email: string; password: string },
  landing: string,
): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`**${landing}`);
}

/** Readable list for an assertion message. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`)
    .join('\n');
}

/**
 * Picks a town in a town picker (the `towns` combobox) as a person would: types `search`, then clicks the option
 * whose name starts with `option` (e.g. "Saint-Rémy, Saône-et-Loire" among the Saint-Rémy).
 */
export async function pickTown(page: Page, label: string, search: string, option = search): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(search);
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .getByRole('option', { name: new RegExp(`^${escaped}`) })
    .first()
    .click();
}
