import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { groupByKey, validObjectIds } from '../../core/ids';
import {
  examResultModel,
  exitOutcomeModel,
  ledgerEntryModel,
  type ExamResultDoc,
  type ExitOutcomeRecordDoc,
  type LedgerEntryDoc,
} from './outcome.model';

// A graduate's records as the Student fields show them, read from the database (never the cached dataset: a
// school sees its record as soon as it is written). Oldest first; the last one is the graduate's current one.
export function createOutcomeLoaders(deps: Pick<AppDeps, 'connection'>) {
  return {
    exitOutcomesByStudentId: new DataLoader<string, ExitOutcomeRecordDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await exitOutcomeModel(deps.connection)
          .find({ studentId: { $in: validObjectIds(ids) } })
          .sort({ recordedAt: 1, _id: 1 }),
        (r) => r.studentId,
      ),
    ),
    examResultsByStudentId: new DataLoader<string, ExamResultDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await examResultModel(deps.connection)
          .find({ studentId: { $in: validObjectIds(ids) } })
          .sort({ recordedAt: 1, _id: 1 }),
        (r) => r.studentId,
      ),
    ),
    ledgerByStudentId: new DataLoader<string, LedgerEntryDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await ledgerEntryModel(deps.connection)
          .find({ studentId: { $in: validObjectIds(ids) } })
          .sort({ date: 1, _id: 1 }),
        (r) => r.studentId,
      ),
    ),
  };
}
