import type { Connection } from 'mongoose';
import type { Role } from '@promesse/shared';
import type { Env } from '../config/env';
import type { Logger } from '../logger';
import type { Loaders } from './loaders';

/** Who is calling: null when anonymous. School/company ids come from the user document, not the token. */
export interface Actor {
  userId: string;
  role: Role;
  schoolId?: string;
  companyId?: string;
}

/** Long-lived dependencies shared by every request; domain modules read models and services from here. */
export interface AppDeps {
  env: Env;
  logger: Logger;
  connection: Connection;
}

export interface GraphQLContext {
  actor: Actor | null;
  /** Why a presented token was refused ('EXPIRED' | 'INVALID'); null when there was none or it was valid. */
  authProblem: 'EXPIRED' | 'INVALID' | null;
  requestId: string;
  ip: string;
  deps: AppDeps;
  loaders: Loaders;
  logger: Logger;
}
