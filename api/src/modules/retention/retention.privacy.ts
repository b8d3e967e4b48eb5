import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { inactivityWarningModel } from './retention.model';

// What the privacy module (issue 18) may ask of the retention module: an erased account leaves no warning record.

/** Deletes the person's inactivity warnings. Idempotent. */
export async function eraseInactivityWarningsOf(
  deps: Pick<DataDeps, 'connection'>,
  userId: Types.ObjectId,
  session: ClientSession,
): Promise<void> {
  await inactivityWarningModel(deps.connection).deleteMany({ userId }, { session });
}
