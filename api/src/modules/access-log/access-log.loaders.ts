import DataLoader from 'dataloader';
import type { AccessKind } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { recordAccesses, type AccessRecord } from './access-log.queries';

/** The loader key of one access: what a field resolver passes (`accessKey`). */
export function accessKey(r: AccessRecord): string {
  return [r.viewerId, r.companyId, String(r.studentId), String(r.schoolId), r.kind].join('|');
}

function recordOf(key: string): AccessRecord {
  const [viewerId = '', companyId = '', studentId = '', schoolId = '', kind = 'CONTACT'] = key.split('|');
  return { viewerId, companyId, studentId, schoolId, kind: kind as AccessKind };
}

export function createAccessLogLoaders(deps: DataDeps) {
  return {
    /**
     * Records that the caller saw a student's contact details or CV. The loader's cache makes it once per request
     * per student and kind, however many fields or list rows show them; one batched write per tick.
     */
    recordAccess: new DataLoader<string, true>(async (keys) => {
      await recordAccesses(deps, keys.map(recordOf));
      return keys.map(() => true as const);
    }),
  };
}
