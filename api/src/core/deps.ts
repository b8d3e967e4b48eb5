import type { Connection } from 'mongoose';
import type { Env } from '../config/env';
import type { Logger } from '../logger';
import type { Clock } from './clock';

/** Long-lived dependencies shared by every request and job; use cases receive them, never globals. */
export interface AppDeps {
  env: Env;
  logger: Logger;
  connection: Connection;
  clock: Clock;
}

/** What most use cases need: the database and the time. */
export type DataDeps = Pick<AppDeps, 'connection' | 'clock'>;
