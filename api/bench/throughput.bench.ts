import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

// `npm run bench -w @promesse/api` (issue 19): req/s of three lists as a demo student, the API against a bare-driver
// server (bare-driver.server.ts: plain http + the MongoDB driver, same reads) on the same embedded engine and the
// same demo data. The engine and both servers run in their own processes; the two servers are loaded in turn
// (short alternated rounds, order swapped each round) so that a busy machine hurts both alike. Prints req/s, p99,
// each server's CPU time per request (from /proc: steadier than req/s when other work shares the cores), the ratio
// API/bare per round and the medians. Target: median ratio >= 0.6 for each list.
// Env: BENCH_ROUNDS (5), BENCH_SECONDS (3), BENCH_CONNECTIONS (20), BENCH_ONLY (a list name),
// BENCH_CPU_PROF=<dir> (the API writes a V8 CPU profile there on exit, the bare server in <dir>/bare).

const ROOT = path.resolve(__dirname, '../..');
const JWT_SECRET = 'throughput-bench-secret-0123456789-abcdefghijklmnopqrstuv';
const STUDENT_EMAIL = 'lina.martin@eleve.promesse.demo';
const DEMO_PASSWORD = 'promesse-demo-2026';
const TARGET_RATIO = 0.6;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

interface List {
  name: string;
  /** The GraphQL query the API answers. */
  query: string;
  /** The bare-driver server's route doing the same reads. */
  route: string;
  /** Ids in the answer, to check both servers return the same thing. */
  ids(data: unknown): string[];
}

type Edges = { edges: { node: { id: string } }[] };
const LISTS: List[] = [
  {
    name: 'jobPromises',
    query:
      '{ jobPromises(first: 10) { edges { node { id title trade company { name } schools { name } applicationCount } } } }',
    route: '/jobPromises',
    ids: (d) => (d as { jobPromises: Edges }).jobPromises.edges.map((e) => e.node.id),
  },
  {
    name: 'matchingJobPromises',
    query: '{ matchingJobPromises(first: 10) { score distanceKm jobPromise { id title trade } } }',
    route: '/matchingJobPromises',
    ids: (d) =>
      (d as { matchingJobPromises: { jobPromise: { id: string } }[] }).matchingJobPromises.map((m) => m.jobPromise.id),
  },
  {
    name: 'notifications',
    query:
      '{ notifications(first: 20) { edges { node { id type title body readAt createdAt } } pageInfo { hasNextPage } } }',
    route: '/notifications',
    ids: (d) => (d as { notifications: Edges }).notifications.edges.map((e) => e.node.id),
  },
];

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const children: ChildProcess[] = [];

/** Starts a process and resolves with the first stdout line matching `ready`. */
async function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<RegExpMatchArray> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = line.match(ready);
    if (match) {
      // Keep draining (the API logs each request) without parsing it.
      child.stdout!.resume();
      lines.close();
      return match;
    }
  }
  throw new Error(`${args.join(' ')} exited before being ready`);
}

/** The API seeds the demo data before it is healthy: minutes on a machine shared with other work. */
async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never became healthy`);
}

interface Target {
  label: 'api' | 'bare';
  pid: number | undefined;
  url: string;
  method: 'GET' | 'POST';
  body?: string;
}

async function fetchData(target: Target, token: string): Promise<unknown> {
  const res = await fetch(target.url, {
    method: target.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(target.body ? { body: target.body } : {}),
  });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (!res.ok || json.errors || !json.data) throw new Error(`${target.url}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

interface LoadResult {
  rps: number;
  p99: number;
  errors: number;
  /** The server's CPU time per answered request (ms): steadier than req/s on a busy machine. */
  cpuPerRequest: number;
  /** The engine's CPU time per answered request (ms): what the server's reads cost the database. */
  engineCpuPerRequest: number;
}

let enginePid: number | undefined;

async function load(target: Target, token: string): Promise<LoadResult> {
  const cpuBefore = cpuMs(target.pid);
  const engineBefore = cpuMs(enginePid);
  const result = await autocannon({
    url: target.url,
    method: target.method,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(target.body ? { body: target.body } : {}),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    cpuPerRequest: (cpuMs(target.pid) - cpuBefore) / Math.max(1, result.requests.total),
    engineCpuPerRequest: (cpuMs(enginePid) - engineBefore) / Math.max(1, result.requests.total),
  };
}

/** CPU time (user + system, ms) a process used so far, from /proc (Linux; 0 elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(5)} req/s p99 ${String(r.p99).padStart(4)} ms cpu ${r.cpuPerRequest.toFixed(2)} ms/req` +
  ` (engine ${r.engineCpuPerRequest.toFixed(2)})` +
  (r.errors ? ` (${r.errors} errors)` : '');

async function main(): Promise<void> {
  const [uri] = (await start(['embedded-mongo/bin/embedded-mongo.mjs', '--port', '0'], {}, /^mongodb:\/\/\S+/))!;
  enginePid = children[0]?.pid;
  const dbUri = `${uri.replace(/\/$/, '')}/promesse`;
  const apiPort = await freePort();
  const profileDir = process.env['BENCH_CPU_PROF'];
  const api = spawn(
    process.execPath,
    [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', 'api/src/server.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET,
        MONGODB_URI: dbUri,
        SEED_DEMO: 'true',
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(api);
  await waitHealthy(`http://127.0.0.1:${apiPort}/healthz`);
  const barePort = await freePort();
  await start(
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/bare`] : []),
      '--import',
      'tsx',
      'api/bench/bare-driver.server.ts',
    ],
    {
      MONGODB_URI: dbUri,
      JWT_SECRET,
      PORT: String(barePort),
    },
    /^listening/,
  );

  const barePid = children.at(-1)?.pid;
  // A real session: the token logIn gives (with its session id, checked on each request by both servers).
  const logIn = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }',
      variables: { e: STUDENT_EMAIL, p: DEMO_PASSWORD },
    }),
  });
  const token = ((await logIn.json()) as { data?: { logIn: { token: string } } }).data?.logIn.token;
  if (!token) throw new Error(`cannot log in as ${STUDENT_EMAIL}`);

  console.log(
    `throughput as ${STUDENT_EMAIL}: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per server, ` +
      `API (NODE_ENV=production, LOG_LEVEL=info) vs bare driver, one embedded engine, demo data`,
  );
  // Background work (change-stream polling, schedulers, workers) costs CPU with no request at all: shown apart.
  const idleBefore = [cpuMs(api.pid), cpuMs(barePid)];
  await new Promise((r) => setTimeout(r, 3000));
  console.log(
    `idle CPU over 3 s: api ${((cpuMs(api.pid) - idleBefore[0]!) / 3).toFixed(0)} ms/s, ` +
      `bare ${((cpuMs(barePid) - idleBefore[1]!) / 3).toFixed(0)} ms/s`,
  );
  const only = process.env['BENCH_ONLY'];
  let ok = true;
  for (const list of LISTS.filter((l) => !only || l.name === only)) {
    const targets: Record<'api' | 'bare', Target> = {
      api: {
        label: 'api',
        pid: api.pid,
        url: `http://127.0.0.1:${apiPort}/graphql`,
        method: 'POST',
        body: JSON.stringify({ query: list.query }),
      },
      bare: { label: 'bare', pid: barePid, url: `http://127.0.0.1:${barePort}${list.route}`, method: 'GET' },
    };
    const apiIds = list.ids(await fetchData(targets.api, token));
    const bareIds = list.ids(await fetchData(targets.bare, token));
    const same = apiIds.length > 0 && apiIds.join() === bareIds.join();
    console.log(
      `${list.name}: ${apiIds.length} items${same ? ', same as the bare server' : ` DIFFERENT from the bare server (${bareIds.length})`}`,
    );
    // Warm-up of both (JIT, pools), not counted.
    await load(targets.api, token);
    await load(targets.bare, token);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? (['api', 'bare'] as const) : (['bare', 'api'] as const);
      const results: Partial<Record<'api' | 'bare', Awaited<ReturnType<typeof load>>>> = {};
      for (const label of order) results[label] = await load(targets[label], token);
      const ratio = results.api!.rps / results.bare!.rps;
      ratios.push(ratio);
      cpuRatios.push(results.bare!.cpuPerRequest / results.api!.cpuPerRequest);
      console.log(
        `  round ${round}: api ${fmt(results.api!)} | bare ${fmt(results.bare!)} | ratio ${ratio.toFixed(2)}`,
      );
    }
    const m = median(ratios);
    const pass = m >= TARGET_RATIO && same;
    ok &&= pass;
    console.log(
      `  ${pass ? 'OK' : 'FAIL'}: median ratio ${m.toFixed(2)} (target >= ${TARGET_RATIO}); ` +
        `CPU per request, bare/api: median ${median(cpuRatios).toFixed(2)}`,
    );
  }
  if (!ok) process.exitCode = 1;
}

/** Servers first, the engine last (they close their connections to it). */
async function stopAll(): Promise<void> {
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => void stopAll());
