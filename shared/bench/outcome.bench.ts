import { TRADES } from '../src/common/common.enums';
import {
  computeOutcomeStats,
  type ExitOutcome,
  type GraduateOutcomeRecord,
  type OutcomeStatsOptions,
} from '../src/outcome';

// `npm run bench -w @promesse/shared`: p50/p99 of the pure computeOutcomeStats over 5k and 50k graduates
// (400 schools, 12 trades, 6 cohorts), network-wide and as one school's staff filtering on their school.
// Target: 50k well under 100 ms, and 50k/5k close to 10 (one pass: linear). BENCH_RUNS=50.

const RUNS = Number(process.env['BENCH_RUNS'] ?? 50);
const OUTCOMES: (ExitOutcome | null)[] = ['EMPLOYED', 'EMPLOYED', 'APPRENTICESHIP', 'FURTHER_STUDIES', 'SEEKING', null];

function records(n: number): GraduateOutcomeRecord[] {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const schools = Array.from({ length: 400 }, (_, i) => i.toString(16).padStart(24, '0'));
  return Array.from({ length: n }, () => {
    const graduationDate = new Date(Date.UTC(2020 + Math.floor(rand() * 6), 5, 30));
    const outcome = OUTCOMES[Math.floor(rand() * OUTCOMES.length)]!;
    return {
      schoolId: schools[Math.floor(rand() * schools.length)]!,
      trade: TRADES[Math.floor(rand() * TRADES.length)]!,
      graduationDate,
      region: 'Normandie',
      outcome: outcome && {
        outcome,
        startDate: new Date(graduationDate.getTime() + Math.floor(rand() * 120) * 86_400_000),
      },
      examPassed: rand() < 0.9,
      ledgerEntries: Math.floor(rand() * 11),
    };
  });
}

function p(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const p50s: Record<string, number> = {};
for (const n of [5_000, 50_000]) {
  const data = records(n);
  const school = data[0]!.schoolId;
  const cases: [string, OutcomeStatsOptions][] = [
    ['network', {}],
    ['one school', { viewerSchoolId: school, filter: { schoolIds: [school] } }],
  ];
  for (const [name, options] of cases) {
    for (let i = 0; i < 5; i++) computeOutcomeStats(data, options);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      computeOutcomeStats(data, options);
      samples.push(performance.now() - started);
    }
    p50s[`${name}@${n}`] = p(samples, 0.5);
    console.log(
      `computeOutcomeStats ${name.padEnd(10)} ${String(n).padStart(6)} graduates: p50 ${p(samples, 0.5).toFixed(2)} ms  p99 ${p(samples, 0.99).toFixed(2)} ms`,
    );
  }
}
const network50k = p50s['network@50000']!;
console.log(`\nnetwork 50k/5k ratio: ${(network50k / p50s['network@5000']!).toFixed(1)} (linear: ~10)`);
console.log(
  `network 50k p50 ${network50k.toFixed(1)} ms — target < 100 ms: ${network50k < 100 ? 'within target' : 'OVER TARGET'}`,
);
