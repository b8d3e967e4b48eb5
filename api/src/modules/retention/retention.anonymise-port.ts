import type { AppDeps } from '../../core/deps';
import { anonymiseUser } from '../privacy/privacy.erasure';
import type { AnonymisePort } from './retention.jobs';

// The inactive-account job anonymises through the one erasure of modules/privacy (same traces removed, same
// anonymous records kept for the figures as a self-deletion), with the RETENTION reason. Injected so the job's
// tests can watch or fail the step.
export function anonymisePortFor(deps: AppDeps): AnonymisePort {
  return {
    anonymise: async (userId) => {
      await anonymiseUser(deps, userId, 'RETENTION');
    },
  };
}
