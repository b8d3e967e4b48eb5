import type { Connection } from 'mongoose';
import { Role } from '@promesse/shared';
import { metaModel } from '../db/meta.model';
import { userModel } from '../modules/auth/auth.model';
import { hashPassword } from '../modules/auth/auth.password';
import type { Logger } from '../logger';

// Demo data for `npm start` (SEED_DEMO=true). Loaded once per database: the `demoSeeded` flag in `meta` is set
// last, and every step upserts by a natural key, so a crash half-way is repaired by the next start.
// TODO(domain): schools, companies, partnerships, students, graduates and open promises (issue 3 demo data).

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  /** Who this account is, for the start-up banner and the README. */
  label: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    role: Role.FEDERATION_ADMIN,
    email: 'admin@promesse.demo',
    password: 'promesse-admin-2026',
    label: 'Fédération nationale des Écoles de Production (admin)',
  },
];

const SEEDED_FLAG = 'demoSeeded';

export interface SeedResult {
  /** False when the database had already been seeded. */
  seeded: boolean;
  accounts: readonly DemoAccount[];
}

async function upsertUser(connection: Connection, account: DemoAccount, displayName: string): Promise<void> {
  const User = userModel(connection);
  if (await User.exists({ email: account.email })) return;
  await User.create({
    email: account.email,
    passwordHash: await hashPassword(account.password),
    role: account.role,
    displayName,
  });
}

export async function seedDemo(connection: Connection, logger?: Logger): Promise<SeedResult> {
  const Meta = metaModel(connection);
  if (await Meta.exists({ _id: SEEDED_FLAG })) return { seeded: false, accounts: DEMO_ACCOUNTS };

  for (const account of DEMO_ACCOUNTS) await upsertUser(connection, account, account.label);

  await Meta.updateOne({ _id: SEEDED_FLAG }, { $set: { value: { at: new Date().toISOString() } } }, { upsert: true });
  logger?.info({ accounts: DEMO_ACCOUNTS.length }, 'demo data seeded');
  return { seeded: true, accounts: DEMO_ACCOUNTS };
}
