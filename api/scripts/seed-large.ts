import { parseArgs } from 'node:util';
import { loadEnv } from '../src/config/env';
import { connectDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';
import { seedLarge } from './seed-large.generator';
import { seedLargeOutcomes } from './seed-large.outcomes';

// `npm run seed:large -- --students 50000 --promises 5000 [--companies N] [--hire-rate 0.02] [--seed 1] [--alumni N]`
// Every graduate also gets outcomes drawn around the network's figures; --alumni adds past graduates (default 0).
// Synthetic benchmark data, written to MONGODB_URI when set, else to the embedded engine in DATA_DIR (./.data).

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '5000' },
    promises: { type: 'string', default: '5000' },
    companies: { type: 'string' },
    'hire-rate': { type: 'string' },
    seed: { type: 'string' },
    alumni: { type: 'string', default: '0' },
  },
});

function count(name: string, raw: string | undefined, min = 0, max = 1_000_000): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name}: a number from ${min} to ${max} expected, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const env = loadEnv({ ...process.env, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' });
  const logger = createLogger(env);
  const db = await connectDatabase(env, logger);
  try {
    const companies = count('companies', values.companies, 1);
    const hireRate = count('hire-rate', values['hire-rate'], 0, 1);
    const seed = count('seed', values.seed, 0, 2 ** 31);
    const result = await seedLarge(db.connection, {
      students: Math.floor(count('students', values.students)!),
      promises: Math.floor(count('promises', values.promises)!),
      ...(companies === undefined ? {} : { companies: Math.floor(companies) }),
      ...(hireRate === undefined ? {} : { hireRate }),
      ...(seed === undefined ? {} : { seed: Math.floor(seed) }),
      log: (message) => console.log(message),
    });
    const outcomes = await seedLargeOutcomes(db.connection, {
      alumni: Math.floor(count('alumni', values.alumni)!),
      ...(seed === undefined ? {} : { seed: Math.floor(seed) }),
    });
    console.log(
      `outcomes: ${outcomes.graduates} graduates, ${outcomes.outcomes} exit outcomes, ${outcomes.exams} exam results, ` +
        `${outcomes.ledger} promises in their ledgers`,
    );
    console.log(
      `seeded into ${db.embedded ? `the embedded engine (${env.DATA_DIR})` : 'MONGODB_URI'}: ` +
        `${result.counts.students} students, ${result.counts.promises} open promises, ${result.counts.companies} companies, ` +
        `${result.counts.hires} past hires; accounts *.${result.tag}@promesse.bench, password ${result.password}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
