import type { ClientSession } from 'mongoose';
import type { AppDeps } from './deps';

/**
 * Runs `work` in one transaction, retried by the driver on transient errors (write conflicts), so `work` must only
 * touch the database through `session` and have no other side effect: it can run more than once.
 */
export function inTransaction<T>(
  deps: Pick<AppDeps, 'connection'>,
  work: (session: ClientSession) => Promise<T>,
): Promise<T> {
  return deps.connection.transaction(work);
}
