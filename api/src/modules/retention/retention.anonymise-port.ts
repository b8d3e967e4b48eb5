import type { AppDeps } from '../../core/deps';
import type { AnonymisePort } from './retention.jobs';

// TEMPORARY (issue 18): the inactive-account job anonymises through the erasure of modules/privacy
// (`anonymiseUser(deps, userId, reason)` in privacy.erasure.ts, built on another branch). Until the integrator wires
// it here, the job warns by e-mail as it should and refuses to anonymise: each due account is logged and retried on
// the next run. Wire as: `export const anonymisePortFor = (deps) => ({ anonymise: (id, why) => anonymiseUser(deps,
// id, why) })`.
export function anonymisePortFor(deps: AppDeps): AnonymisePort {
  return {
    anonymise: async (userId, reason) => {
      deps.logger.warn({ userId, reason }, 'retention: anonymisation not wired');
      throw new Error('retention: anonymisation not wired');
    },
  };
}
