// Child process of realtime.bench.ts: holds the socket.io-client connections (distinct users) and measures, on its
// own clock, the time from an HTTP mutation's response to the `notification:new` it causes, a bare socket.io echo
// beside it, and the fan-out of a published promise. Talks to the parent over IPC.
import { performance } from 'node:perf_hooks';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { SOCKET_EVENTS, SOCKET_PATH, type NotificationPayload } from '@promesse/shared';

export interface ClientsConfig {
  url: string;
  /** One token per connection (distinct users). */
  tokens: string[];
  /** The student id behind each token (recommendGraduate takes a student id). */
  studentIds: string[];
  staffToken: string;
  companyToken: string;
  /** OPEN promise the staff recommends students for (one notification per recommended student). */
  recommendPromiseId: string;
  /** DRAFT promises published in turn; each matches every connected student. */
  fanoutPromiseIds: string[];
  samples: number;
  warmup: number;
}

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ClientsResult {
  connectMs: number;
  echo: Stats;
  notify: Stats;
  /** Notifications that arrived before the mutation's HTTP response (counted as 0 ms). */
  notifyBeforeResponse: number;
  mutationMs: Stats;
  fanout: {
    requestToLastMs: number;
    responseToLastMs: number;
    publishResponseMs: number;
    p50FromRequestMs: number;
    p99FromRequestMs: number;
    received: number;
  }[];
}

export type ParentMessage = { type: 'run'; config: ClientsConfig };
export type ChildMessage =
  | { type: 'result'; result: ClientsResult }
  | { type: 'error'; message: string }
  | { type: 'progress'; message: string };

type BenchSocket = Socket & { arrivals: Map<string, number> };

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** Resolves with the arrival time of the notification identified by `key` on `socket` (maybe already there). */
function arrival(socket: BenchSocket, key: string, timeoutMs = 30_000): Promise<number> {
  const known = socket.arrivals.get(key);
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(SOCKET_EVENTS.NOTIFICATION_NEW, check);
      reject(new Error(`no notification ${key} within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = () => {
      const at = socket.arrivals.get(key);
      if (at === undefined) return;
      clearTimeout(timer);
      socket.off(SOCKET_EVENTS.NOTIFICATION_NEW, check);
      resolve(at);
    };
    socket.on(SOCKET_EVENTS.NOTIFICATION_NEW, check);
  });
}

function connectOne(url: string, token: string): Promise<BenchSocket> {
  const socket = connectSocket(url, {
    path: SOCKET_PATH,
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  }) as BenchSocket;
  socket.arrivals = new Map();
  // Recorded first thing, before any other listener: the arrival time is the event's.
  socket.on(SOCKET_EVENTS.NOTIFICATION_NEW, (n: NotificationPayload) => {
    const now = performance.now();
    const key = String(n.data['recommendationId'] ?? n.data['jobPromiseId'] ?? n.id);
    if (!socket.arrivals.has(key)) socket.arrivals.set(key, now);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

const RECOMMEND = `mutation($jobPromiseId: ID!, $studentId: ID!, $note: String!) {
  recommendGraduate(jobPromiseId: $jobPromiseId, studentId: $studentId, note: $note) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishJobPromise(id: $id) { id status } }`;

async function run(config: ClientsConfig): Promise<ClientsResult> {
  const started = performance.now();
  const sockets: BenchSocket[] = [];
  const BATCH = 50;
  for (let i = 0; i < config.tokens.length; i += BATCH) {
    sockets.push(
      ...(await Promise.all(config.tokens.slice(i, i + BATCH).map((token) => connectOne(config.url, token)))),
    );
  }
  const connectMs = performance.now() - started;
  send({ type: 'progress', message: `${sockets.length} sockets connected in ${connectMs.toFixed(0)} ms` });

  // Interleaved, one at a time: an echo on one socket, then a mutation notifying one (other) user.
  const echo: number[] = [];
  const notify: number[] = [];
  const mutation: number[] = [];
  let early = 0;
  const total = config.warmup + config.samples;
  if (total > sockets.length) throw new Error(`at most ${sockets.length} samples (one recommendation per student)`);
  for (let i = 0; i < total; i++) {
    const echoSocket = sockets[(i * 7919) % sockets.length]!;
    const t0 = performance.now();
    await echoSocket.timeout(10_000).emitWithAck('bench:echo', i);
    const echoMs = performance.now() - t0;

    const target = sockets[i]!;
    const t1 = performance.now();
    const data = await gql<{ recommendGraduate: { id: string } }>(config.url, config.staffToken, RECOMMEND, {
      jobPromiseId: config.recommendPromiseId,
      studentId: config.studentIds[i],
      note: 'Élève sérieux, recommandé pour ce poste.',
    });
    const responded = performance.now();
    const arrived = await arrival(target, data.recommendGraduate.id);
    if (i < config.warmup) continue;
    echo.push(echoMs);
    mutation.push(responded - t1);
    if (arrived < responded) early += 1;
    notify.push(Math.max(0, arrived - responded));
  }

  const fanout: ClientsResult['fanout'] = [];
  for (const id of config.fanoutPromiseIds) {
    const t0 = performance.now();
    await gql(config.url, config.companyToken, PUBLISH, { id });
    const responded = performance.now();
    const arrivals = await Promise.all(sockets.map((s) => arrival(s, id, 120_000)));
    const last = Math.max(...arrivals);
    const fromRequest = stats(arrivals.map((a) => a - t0));
    fanout.push({
      requestToLastMs: last - t0,
      responseToLastMs: Math.max(0, last - responded),
      publishResponseMs: responded - t0,
      p50FromRequestMs: fromRequest.p50,
      p99FromRequestMs: fromRequest.p99,
      received: arrivals.length,
    });
  }

  for (const s of sockets) s.disconnect();
  return {
    connectMs,
    echo: stats(echo),
    notify: stats(notify),
    notifyBeforeResponse: early,
    mutationMs: stats(mutation),
    fanout,
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.type !== 'run') return;
  run(message.config).then(
    (result) => {
      send({ type: 'result', result });
      process.disconnect?.();
    },
    (error: unknown) => {
      send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.disconnect?.();
    },
  );
});
