import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { ensureBootstrapAdmin } from '../src/modules/auth/auth.queries';
import { startTestApp, type TestApp } from '../src/testing/test-app';
import { seedLargeOutcomes } from '../scripts/seed-large.outcomes';
import { seedLarge } from '../scripts/seed-large.generator';

// `npm run bench -w @promesse/api`: p50/p99 over real HTTP of outcomeStats for the whole network (federation admin)
// and for one school (its staff), with 5,000 and 50,000 graduates whose outcomes are drawn around the network's
// figures; then the 50k/5k ratio. Targets: network p50 <= 300 ms at 50k, ratio < 3. Each measured call is a fresh
// request. A query reads the persisted cells (sums per school, trade and graduation date, kept by every write:
// outcome.records.ts), so its cost follows the number of cells, not of graduates, and nothing is cached: the first
// call is printed apart only to show it is no longer special. BENCH_OUTCOME_SIZES=5000,50000 BENCH_RUNS=100.

const SIZES = (process.env['BENCH_OUTCOME_SIZES'] ?? '5000,50000').split(',').map(Number);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 100);
const WARMUP = 10;

const QUERY = `query($filter: OutcomeFilter) { outcomeStats(filter: $filter) { graduates examSuccessRate
  positiveOutcomeRate employedWithinTwoMonthsRate continuingStudiesRate promisesPerGraduate { mean median }
  medianDaysToHire bySchool { school { name } graduates positiveOutcomeRate suppressed }
  byTrade { trade graduates positiveOutcomeRate } byCohort { cohort graduates positiveOutcomeRate } } }`;

function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

async function logIn(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.gql(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, {
    e: email,
    p: password,
  });
  const token = (res.data as { logIn?: { token: string } } | undefined)?.logIn?.token;
  if (!token) throw new Error(`log-in failed: ${JSON.stringify(res.errors)}`);
  return token;
}

async function measure(t: TestApp, token: string, filter: Record<string, unknown> | null) {
  const call = async () => {
    const started = performance.now();
    const res = await t.gql(QUERY, { filter }, token);
    const ms = performance.now() - started;
    if (res.errors?.length) throw new Error(`bench query failed: ${JSON.stringify(res.errors)}`);
    return { ms, graduates: (res.data as { outcomeStats: { graduates: number } }).outcomeStats.graduates };
  };
  const first = await call();
  for (let i = 0; i < WARMUP; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await call()).ms);
  return { cold: first.ms, graduates: first.graduates, p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

async function main(): Promise<void> {
  const results = new Map<number, { network: number; school: number }>();
  for (const size of SIZES) {
    const t = await startTestApp();
    try {
      const seedStarted = performance.now();
      // Schools and their staff from the large seed (no students), then `size` graduates with drawn outcomes.
      const seeded = await seedLarge(t.db.connection, { students: 0, promises: 0, companies: 1, seed: 3 });
      const outcomes = await seedLargeOutcomes(t.db.connection, { alumni: size, seed: 3 });
      const seedS = (performance.now() - seedStarted) / 1000;
      const admin = { email: `admin.${randomBytes(4).toString('hex')}@promesse.bench`, password: 'bench-admin-2026' };
      await ensureBootstrapAdmin(t.deps, admin);
      const adminToken = await logIn(t, admin.email, admin.password);
      const school = seeded.schools[0]!;
      const staffUser = await t.db.connection
        .collection('users')
        .findOne({ _id: new Types.ObjectId(school.staffUserId) }, { projection: { email: 1 } });
      const staffToken = await logIn(t, String(staffUser?.['email']), seeded.password);
      const network = await measure(t, adminToken, null);
      const own = await measure(t, staffToken, null);
      console.log(
        `${String(size).padStart(6)} graduates (seeded in ${seedS.toFixed(1)} s: ${outcomes.outcomes} outcomes, ` +
          `${outcomes.exams} exam results, ${outcomes.ledger} ledger entries)`,
      );
      console.log(
        `  outcomeStats network   (admin): first ${network.cold.toFixed(0)} ms, p50 ${network.p50.toFixed(1)} ms, p99 ${network.p99.toFixed(1)} ms — ${network.graduates} graduates`,
      );
      console.log(
        `  outcomeStats one school (staff): first ${own.cold.toFixed(0)} ms, p50 ${own.p50.toFixed(1)} ms, p99 ${own.p99.toFixed(1)} ms — ${own.graduates} graduates (${school.name})`,
      );
      results.set(size, { network: network.p50, school: own.p50 });
    } finally {
      await t.close();
    }
  }
  const small = results.get(5000);
  const large = results.get(50000);
  if (small && large) {
    const ratio = large.network / small.network;
    console.log(
      `\noutcomeStats network p50 50k/5k: ${ratio.toFixed(2)} (target < 3): ${ratio < 3 ? 'within target' : 'OVER TARGET'}`,
    );
    console.log(`outcomeStats one school p50 50k/5k: ${(large.school / small.school).toFixed(2)}`);
    console.log(
      `outcomeStats network p50 at 50k: ${large.network.toFixed(1)} ms (target <= 300 ms): ${large.network <= 300 ? 'within target' : 'OVER TARGET'}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
