import { Types } from 'mongoose';
import { Role, type Trade } from '@promesse/shared';
import { signToken } from '../src/modules/auth/auth.token';
import { graduateWindow } from '../src/modules/matching/matching.candidates';
import { seedLarge } from '../src/modules/matching/matching.seed';
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

async function run(
  t: TestApp,
  calls: { query: string; variables: Record<string, unknown>; token: string }[],
  runs: number,
): Promise<Stats> {
  for (let i = 0; i < Math.min(WARMUP, runs); i++) {
    const c = calls[i % calls.length]!;
    await timed(t, c.query, c.variables, c.token);
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = calls[i % calls.length]!;
    samples.push(await timed(t, c.query, c.variables, c.token));
  }
  return stats(samples);
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

interface SizeResult {
  students: number;
  seedS: number;
  jobPromises: Stats;
  graduates: Stats;
  round: Stats;
  candidates: { jobPromises: string; graduates: string };
}

async function benchSize(students: number): Promise<SizeResult> {
  const t = await startTestApp();
  try {
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
    const studentCalls = await Promise.all(
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
    const graduateCalls = await Promise.all(
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

    const jobPromises = await run(t, studentCalls, RUNS);
    const graduates = await run(t, graduateCalls, RUNS);

    // Round: staff of the school with the most open promises; 60 of its graduates x 500 of its open promises.
    const school = seeded.schools
      .map((s) => ({
        s,
        n: promiseDocs.filter((p) => (p['schoolIds'] as Types.ObjectId[]).some((id) => String(id) === s.id)).length,
      }))
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
      .filter((p) => (p['schoolIds'] as Types.ObjectId[]).some((id) => String(id) === school.id))
      .slice(0, 500)
      .map((p) => String(p['_id']));
    const staffToken = await signToken({ sub: school.staffUserId, role: Role.SCHOOL_STAFF }, secret);
    const round = await run(
      t,
      [{ query: ROUND_MUTATION, variables: { studentIds: cohort, jobPromiseIds: selection }, token: staffToken }],
      ROUND_RUNS,
    );
    if (cohort.length !== 60 || selection.length !== 500) {
      console.log(
        `  (round on ${cohort.length} graduates x ${selection.length} promises: not enough data for 60 x 500)`,
      );
    }
    return { students, seedS: seeded.ms / 1000, jobPromises, graduates, round, candidates };
  } finally {
    await t.close();
  }
}

const fmt = (x: number) => x.toFixed(1).padStart(7);

async function main(): Promise<void> {
  console.log(
    `matching benchmark: ${PROMISES} open promises, students ${SIZES.join(' / ')}, ${RUNS} requests per query, ${ROUND_RUNS} rounds`,
  );
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    const r = await benchSize(size);
    results.push(r);
    console.log(`\n${size} students (seeded in ${r.seedS.toFixed(1)} s)`);
    console.log(`  candidate plan, matchingJobPromises: ${r.candidates.jobPromises}`);
    console.log(`  candidate plan, matchingGraduates:   ${r.candidates.graduates}`);
    console.log('  operation                         p50 ms  p99 ms  mean ms');
    for (const [name, s] of [
      ['matchingJobPromises (first 20)', r.jobPromises],
      ['matchingGraduates (first 20)', r.graduates],
      ['proposeMatchingRound 60 x 500', r.round],
    ] as const) {
      console.log(`  ${name.padEnd(32)}${fmt(s.p50)} ${fmt(s.p99)} ${fmt(s.mean)}`);
    }
  }
  const small = results[0];
  const large = results.at(-1);
  if (small && large && small !== large) {
    console.log(`\nratio ${large.students} / ${small.students} students (target < 3x):`);
    for (const key of ['jobPromises', 'graduates', 'round'] as const) {
      const p50 = large[key].p50 / small[key].p50;
      const p99 = large[key].p99 / small[key].p99;
      console.log(
        `  ${key.padEnd(12)} p50 ${p50.toFixed(2)}x  p99 ${p99.toFixed(2)}x  ${p50 < 3 ? 'ok' : 'OVER TARGET'}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
