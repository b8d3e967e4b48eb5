import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { examResultModel, exitOutcomeModel, ledgerEntryModel } from './outcome.model';

// What the privacy module (issue 18) may ask of the outcomes' module.

type Deps = Pick<DataDeps, 'connection'>;

/** The graduate's records: exit outcomes, exam results and promise ledger, oldest first. */
export async function outcomeRecordsForExport(deps: Deps, studentId: Types.ObjectId) {
  const sort = { _id: 1 } as const;
  const [exitOutcomes, examResults, ledger] = await Promise.all([
    exitOutcomeModel(deps.connection).find({ studentId }, { __v: 0 }).sort(sort).lean(),
    examResultModel(deps.connection).find({ studentId }, { __v: 0 }).sort(sort).lean(),
    ledgerEntryModel(deps.connection).find({ studentId }, { __v: 0 }).sort(sort).lean(),
  ]);
  return { exitOutcomes, examResults, ledger };
}

/**
 * The records stay (the figures count them: a hired graduate is still hired), without the staff's free-text notes,
 * which may describe the person. Idempotent; the per-graduate summaries hold no text and do not change.
 */
export async function anonymiseOutcomeRecordsOf(
  deps: Deps,
  studentId: Types.ObjectId,
  session: ClientSession,
): Promise<void> {
  await exitOutcomeModel(deps.connection).collection.updateMany({ studentId }, { $unset: { note: '' } }, { session });
  await ledgerEntryModel(deps.connection).collection.updateMany({ studentId }, { $unset: { note: '' } }, { session });
}
