import type { ClientSession, Types } from 'mongoose';
import type { ContractType, ExitOutcome } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { exitOutcomeModel, ledgerEntryModel } from './outcome.model';
import { refreshGraduateOutcomes } from './outcome.records';

// What other modules may ask of the outcomes' module: the application module reports offers and hires here, in
// its own transaction, and never touches these collections itself.

type Deps = Pick<DataDeps, 'connection'>;

export interface ApplicationFacts {
  applicationId: Types.ObjectId;
  studentId: Types.ObjectId;
  schoolId: Types.ObjectId;
  companyId: Types.ObjectId;
  companyName: string;
}

/** The graduate's latest exit outcome (what they do now), or null when none was recorded. */
export async function latestExitOutcomeOf(deps: Deps, studentId: Types.ObjectId): Promise<ExitOutcome | null> {
  const [latest] = await exitOutcomeModel(deps.connection)
    .find({ studentId }, { outcome: 1 })
    .sort({ recordedAt: -1, _id: -1 })
    .limit(1)
    .lean();
  return latest?.outcome ?? null;
}

/** An application reached OFFERED: one entry in the graduate's ledger of promises, once per application. */
export async function recordOfferInLedger(
  deps: Deps,
  session: ClientSession,
  offer: ApplicationFacts & { at: Date },
): Promise<void> {
  await ledgerEntryModel(deps.connection).updateOne(
    { applicationId: offer.applicationId },
    {
      $setOnInsert: {
        studentId: offer.studentId,
        schoolId: offer.schoolId,
        source: 'APPLICATION_OFFER',
        companyId: offer.companyId,
        companyName: offer.companyName,
        date: offer.at,
        applicationId: offer.applicationId,
        recordedBy: null,
      },
    },
    { upsert: true, session },
  );
  await refreshGraduateOutcomes(deps, [offer.studentId], session);
}

/**
 * An application reached HIRED: the graduate's exit outcome is recorded for them (once per application), starting
 * on the promise's start date (the hire date when that is already past). A promise of an apprenticeship contract
 * records APPRENTICESHIP (continuing), any other contract EMPLOYED. Staff can correct it with a new record.
 */
export async function recordHireOutcome(
  deps: Deps,
  session: ClientSession,
  hire: ApplicationFacts & { at: Date; contractType: ContractType; startDate: Date },
): Promise<void> {
  const apprenticeship = hire.contractType === 'APPRENTICESHIP';
  const startDate = hire.startDate.getTime() > hire.at.getTime() ? hire.startDate : hire.at;
  await exitOutcomeModel(deps.connection).updateOne(
    { applicationId: hire.applicationId },
    {
      $setOnInsert: {
        studentId: hire.studentId,
        schoolId: hire.schoolId,
        outcome: apprenticeship ? 'APPRENTICESHIP' : 'EMPLOYED',
        companyId: hire.companyId,
        companyName: hire.companyName,
        ...(apprenticeship ? {} : { contractType: hire.contractType }),
        startDate,
        source: 'APPLICATION_HIRED',
        applicationId: hire.applicationId,
        recordedBy: null,
        recordedAt: hire.at,
      },
    },
    { upsert: true, session },
  );
  await refreshGraduateOutcomes(deps, [hire.studentId], session);
}

/**
 * A student's trade or graduation date changed (student module): their outcome summary, which the figures are
 * summed from, is recomputed in the same transaction.
 */
export function graduationFactsChanged(deps: Deps, session: ClientSession, studentId: Types.ObjectId): Promise<void> {
  return refreshGraduateOutcomes(deps, [studentId], session);
}
