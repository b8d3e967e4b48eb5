import { Types } from 'mongoose';
import { Role, type Trade } from '@promesse/shared';
import { signToken } from '../src/modules/auth/auth.token';
import { graduateWindow } from '../src/modules/matching/matching.candidates';
import { seedLarge } from '../scripts/seed-large.generator';
import { startTestApp, type TestApp } from '../src/testing/test-app';

// `npm run bench -w @promesse/api` (also part of the root `npm run bench`).
// p50/p99 over real HTTP (the real app on a random port, the embedded engine in-process and in memory) of
// matchingJobPromises and matchingGraduates with 5k and 50k students (5k open promises), and of a matching round
// of 60 graduates x 500 promises; then the 50k/5k ratios (target < 3x). BENCH_SIZES=5000,50000 BENCH_RUNS=200.

const SIZES = (process.env['BENCH_SIZES'] ?? '5000,50000').split(',').map(Number);
const PROMISES = Number(process.env['BENCH_PROMISES'] ?? 5000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 200);
const ROUND_RUNS = Number(process.env['BENCH_ROUND_RUNS'] ?? 20);
const WARMUP = 20;

const STUDENT_QUERY = `query($first: Int) { matchingJobPromises(first: $first) {
  score reasons jobPromise { id title city trade company { name } } } }`;
const GRADUATES_QUERY = `query($id: ID!, $first: Int) { matchingGraduates(jobPromiseId: $id, first: $first) {
  score reasons student { id displayName trade diplomaLevel skills availableFrom school { name } } } }`;
const ROUND_MUTATION = `mutation($studentIds: [ID!]!, $jobPromiseIds: [ID!]) {
  proposeMatchingRound(studentIds: $studentIds, jobPromiseIds: $jobPromiseIds) { id pairs { score student { id } jobPromise { id } } } }`;

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { p50: q(0.5), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, n: s.length };
}

async function timed(t: TestApp, query: string, variables: Record<string, unknown>, token: string): Promise<number> {
  const started = performance.now();
  const res = await t.gql(query, variables, token);
  const ms = performance.now() - started;
  if (res.errors?.length) throw new Error(`bench query failed: ${JSON.stringify(res.errors)}`);
  return ms;
}

/**
 * Waits until the engine answers pings quickly: after a bulk seed the app's database-wide change stream (live
 * notifications) works through the inserts' events, which would otherwise slow the first measurements.
 */
async function settle(t: TestApp): Promise<void> {
  const db = t.db.connection.db!;
  const started = performance.now();
  for (let quick = 0; quick < 10 && performance.now() - started < 60_000;) {
    const ping = performance.now();
    await db.command({ ping: 1 });
    quick = performance.now() - ping < 3 ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The engine's explain for a find: which index, how many documents examined. */
interface ExplainReply {
  queryPlanner?: { winningPlan?: { stage?: string; inputStage?: { indexName?: string } } };
  executionStats?: { totalDocsExamined?: number; nReturned?: number };
}

async function explain(t: TestApp, collection: string, filter: Record<string, unknown>): Promise<string> {
  const res = (await t.db.connection.db!.command({
    explain: { find: collection, filter },
    verbosity: 'executionStats',
  })) as ExplainReply;
  const plan = res.queryPlanner?.winningPlan;
  const stats = res.executionStats;
  return `${plan?.inputStage?.indexName ?? plan?.stage ?? '?'}, ${stats?.totalDocsExamined ?? '?'} examined, ${stats?.nReturned ?? '?'} returned`;
}

interface Call {
  query: string;
  variables: Record<string, unknown>;
  token: string;
}

/** One data set on its own app: the calls to time, and what the candidate queries look like. */
interface Setup {
  students: number;
  seedS: number;
  t: TestApp;
  calls: { jobPromises: Call[]; graduates: Call[]; round: Call[] };
  candidates: { jobPromises: string; graduates: string };
  note?: string;
}

async function setUp(students: number): Promise<Setup> {
  const t = await startTestApp();
  const seeded = await seedLarge(t.db.connection, { students, promises: PROMISES, seed: 7 });
  await settle(t);
  const secret = t.env.JWT_SECRET;
  const db = t.db.connection.db!;
  const now = new Date();

  // 50 students spread over the schools, each asking for their own matches.
  const studentDocs = await db
    .collection('students')
    .aggregate<{ _id: Types.ObjectId; userId: Types.ObjectId; schoolId: Types.ObjectId; trade: Trade }>([
      { $match: { email: { $regex: `\\.${seeded.tag}@` } } },
      { $project: { userId: 1, schoolId: 1, trade: 1 } },
    ])
    .toArray();
  const step = Math.floor(studentDocs.length / 50);
  const sampleStudents = Array.from({ length: 50 }, (_, i) => studentDocs[i * step]!);
  const jobPromises = await Promise.all(
    sampleStudents.map(async (s) => ({
      query: STUDENT_QUERY,
      variables: { first: 20 },
      token: await signToken({ sub: String(s.userId), role: Role.STUDENT }, secret),
    })),
  );

  // 50 promises, each asked by a recruiter of its company.
  const promiseDocs = await db
    .collection('jobpromises')
    .find({ status: 'OPEN' }, { projection: { companyId: 1, trade: 1, schoolIds: 1 } })
    .toArray();
  const recruiterOf = new Map(seeded.companies.map((c) => [c.id, c.recruiterUserId]));
  const pStep = Math.floor(promiseDocs.length / 50);
  const samplePromises = Array.from({ length: 50 }, (_, i) => promiseDocs[i * pStep]!);
  const graduates = await Promise.all(
    samplePromises.map(async (p) => ({
      query: GRADUATES_QUERY,
      variables: { id: String(p['_id']), first: 20 },
      token: await signToken({ sub: recruiterOf.get(String(p['companyId']))!, role: Role.COMPANY_RECRUITER }, secret),
    })),
  );

  // Same-trade candidate query plans of one sample of each (the engine's explain).
  const s0 = sampleStudents[0]!;
  const p0 = samplePromises[0]!;
  const candidates = {
    jobPromises: await explain(t, 'jobpromises', {
      schoolIds: s0.schoolId,
      status: 'OPEN',
      expiresAt: { $gt: now },
      trade: { $in: [s0.trade] },
    }),
    graduates: await explain(t, 'students', {
      schoolId: { $in: p0['schoolIds'] },
      trade: { $in: [p0['trade'] as Trade] },
      graduationDate: graduateWindow(now),
    }),
  };

  // Round: staff of the school with the most open promises; 60 of its graduates x 500 of its open promises.
  const targets = (p: (typeof promiseDocs)[number], schoolId: string) =>
    (p['schoolIds'] as Types.ObjectId[]).some((id) => String(id) === schoolId);
  const school = seeded.schools
    .map((s) => ({ s, n: promiseDocs.filter((p) => targets(p, s.id)).length }))
    .sort((a, b) => b.n - a.n)[0]!.s;
  const cohort = (
    await db
      .collection('students')
      .find(
        {
          schoolId: new Types.ObjectId(school.id),
          graduationDate: graduateWindow(now),
          email: { $regex: `\\.${seeded.tag}@` },
        },
        { projection: { _id: 1 } },
      )
      .limit(60)
      .toArray()
  ).map((d) => String(d['_id']));
  const selection = promiseDocs
    .filter((p) => targets(p, school.id))
    .slice(0, 500)
    .map((p) => String(p['_id']));
  const staffToken = await signToken({ sub: school.staffUserId, role: Role.SCHOOL_STAFF }, secret);
  const round = [
    { query: ROUND_MUTATION, variables: { studentIds: cohort, jobPromiseIds: selection }, token: staffToken },
  ];
  const note =
    cohort.length !== 60 || selection.length !== 500
      ? `round on ${cohort.length} graduates x ${selection.length} promises (not enough data for 60 x 500)`
      : undefined;
  return {
    students,
    seedS: seeded.ms / 1000,
    t,
    calls: { jobPromises, graduates, round },
    candidates,
    ...(note ? { note } : {}),
  };
}

/**
 * Times `runs` calls per data set, alternating between the data sets call by call, so that the load of a shared
 * machine falls on every size alike and the ratios stay meaningful.
 */
async function interleaved(setups: Setup[], op: keyof Setup['calls'], runs: number): Promise<Stats[]> {
  const samples = setups.map(() => [] as number[]);
  for (let i = -Math.min(WARMUP, runs); i < runs; i++) {
    for (const [k, s] of setups.entries()) {
      const calls = s.calls[op];
      const c = calls[(i + calls.length * WARMUP) % calls.length]!;
      const ms = await timed(s.t, c.query, c.variables, c.token);
      if (i >= 0) samples[k]!.push(ms);
    }
  }
  return samples.map(stats);
}

const fmt = (x: number) => x.toFixed(1).padStart(7);

async function main(): Promise<void> {
  console.log(
    `matching benchmark: ${PROMISES} open promises, students ${SIZES.join(' / ')}, ${RUNS} requests per query, ` +
      `${ROUND_RUNS} rounds, sizes interleaved request by request`,
  );
  const setups: Setup[] = [];
  try {
    for (const size of SIZES) setups.push(await setUp(size));
    const results = {
      jobPromises: await interleaved(setups, 'jobPromises', RUNS),
      graduates: await interleaved(setups, 'graduates', RUNS),
      round: await interleaved(setups, 'round', ROUND_RUNS),
    };
    for (const [k, s] of setups.entries()) {
      console.log(`\n${s.students} students (seeded in ${s.seedS.toFixed(1)} s)`);
      console.log(`  candidate plan, matchingJobPromises: ${s.candidates.jobPromises}`);
      console.log(`  candidate plan, matchingGraduates:   ${s.candidates.graduates}`);
      if (s.note) console.log(`  (${s.note})`);
      console.log('  operation                         p50 ms  p99 ms  mean ms');
      for (const [name, key] of [
        ['matchingJobPromises (first 20)', 'jobPromises'],
        ['matchingGraduates (first 20)', 'graduates'],
        ['proposeMatchingRound 60 x 500', 'round'],
      ] as const) {
        const r = results[key][k]!;
        console.log(`  ${name.padEnd(32)}${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.mean)}`);
      }
    }
    if (setups.length > 1) {
      const small = setups[0]!;
      const large = setups.at(-1)!;
      console.log(`\nratio ${large.students} / ${small.students} students (target < 3x):`);
      for (const key of ['jobPromises', 'graduates', 'round'] as const) {
        const [a, b] = [results[key][0]!, results[key].at(-1)!];
        const p50 = b.p50 / a.p50;
        console.log(
          `  ${key.padEnd(12)} p50 ${p50.toFixed(2)}x  p99 ${(b.p99 / a.p99).toFixed(2)}x  ${p50 < 3 ? 'ok' : 'OVER TARGET'}`,
        );
      }
    }
  } finally {
    for (const s of setups) await s.t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
