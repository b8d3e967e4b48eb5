import * as z from 'zod';
import { enumObject, type EnumLabels } from '../common/common.enum';
import { msg } from '../messages/messages.zod';

// Exact spellings of CONTRACT.md "Additions of version 2", Outcomes.

/** What a graduate did on leaving school, as recorded by the school's staff (or by a hire through the app). */
export const EXIT_OUTCOMES = ['EMPLOYED', 'APPRENTICESHIP', 'FURTHER_STUDIES', 'SEEKING', 'OTHER'] as const;
export type ExitOutcome = (typeof EXIT_OUTCOMES)[number];
export const ExitOutcome = enumObject(EXIT_OUTCOMES);
export const exitOutcomeSchema = z.enum(EXIT_OUTCOMES, msg('validation.exitOutcomeUnknown'));

/** Continuing = still learning: an apprenticeship (a work-study contract) or further studies. */
export const CONTINUING_OUTCOMES: readonly ExitOutcome[] = ['APPRENTICESHIP', 'FURTHER_STUDIES'];

/** Positive = employed (whatever the start date) or continuing. SEEKING, OTHER and no record are not. */
export function isPositiveOutcome(outcome: ExitOutcome | null | undefined): boolean {
  return outcome === 'EMPLOYED' || outcome === 'APPRENTICESHIP' || outcome === 'FURTHER_STUDIES';
}

/** Where an entry of a graduate's promise ledger comes from. */
export const LEDGER_ENTRY_SOURCES = ['APPLICATION_OFFER', 'OFF_PLATFORM'] as const;
export type LedgerEntrySource = (typeof LEDGER_ENTRY_SOURCES)[number];
export const LedgerEntrySource = enumObject(LEDGER_ENTRY_SOURCES);

/** Who wrote an exit-outcome record: staff by hand, or the app when an application reached HIRED. */
export const OUTCOME_RECORD_SOURCES = ['STAFF', 'APPLICATION_HIRED'] as const;
export type OutcomeRecordSource = (typeof OUTCOME_RECORD_SOURCES)[number];
export const OutcomeRecordSource = enumObject(OUTCOME_RECORD_SOURCES);

export const EXIT_OUTCOME_LABELS: EnumLabels<ExitOutcome> = {
  fr: {
    EMPLOYED: 'En emploi',
    APPRENTICESHIP: 'En apprentissage',
    FURTHER_STUDIES: 'En poursuite d’études',
    SEEKING: 'En recherche',
    OTHER: 'Autre situation',
  },
  en: {
    EMPLOYED: 'Employed',
    APPRENTICESHIP: 'Apprenticeship',
    FURTHER_STUDIES: 'Further studies',
    SEEKING: 'Job seeking',
    OTHER: 'Other',
  },
};

export const LEDGER_ENTRY_SOURCE_LABELS: EnumLabels<LedgerEntrySource> = {
  fr: { APPLICATION_OFFER: 'Offre faite sur Promesse', OFF_PLATFORM: 'Promesse reçue hors plateforme' },
  en: { APPLICATION_OFFER: 'Offer made on Promesse', OFF_PLATFORM: 'Promise received off the platform' },
};
