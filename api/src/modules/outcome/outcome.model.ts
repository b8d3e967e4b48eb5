import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import {
  CONTRACT_TYPES,
  DIPLOMA_LEVELS,
  EXIT_OUTCOMES,
  LEDGER_ENTRY_SOURCES,
  OUTCOME_RECORD_SOURCES,
  TEXT_LIMITS,
} from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// A graduate's records. Nothing is ever updated in place: a correction is a new record and the latest one counts
// (shared/src/outcome/outcome.stats.ts), so the history stays. schoolId is the student's school when recorded.

const exitOutcomeSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    outcome: { type: String, enum: EXIT_OUTCOMES, required: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company' },
    companyName: { type: String, trim: true, maxlength: TEXT_LIMITS.name },
    contractType: { type: String, enum: CONTRACT_TYPES },
    startDate: { type: Date },
    note: { type: String, trim: true, maxlength: TEXT_LIMITS.note },
    source: { type: String, enum: OUTCOME_RECORD_SOURCES, required: true },
    /** The HIRED application of an automatic record (at most one record per application). */
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application' },
    /** The staff member; null for an automatic record. */
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    recordedAt: { type: Date, required: true },
  },
  { timestamps: false },
);
exitOutcomeSchema.index({ studentId: 1, recordedAt: 1 });
exitOutcomeSchema.index(
  { applicationId: 1 },
  { unique: true, partialFilterExpression: { applicationId: { $exists: true } }, name: 'one_record_per_hire' },
);

const examResultSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    diploma: { type: String, enum: DIPLOMA_LEVELS, required: true },
    passed: { type: Boolean, required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    recordedAt: { type: Date, required: true },
  },
  { timestamps: false },
);
examResultSchema.index({ studentId: 1, recordedAt: 1 });

const ledgerEntrySchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    source: { type: String, enum: LEDGER_ENTRY_SOURCES, required: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company' },
    companyName: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    date: { type: Date, required: true },
    note: { type: String, trim: true, maxlength: TEXT_LIMITS.note },
    /** The application that reached OFFERED (once per application). */
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application' },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
ledgerEntrySchema.index({ studentId: 1, date: 1 });
ledgerEntrySchema.index(
  { applicationId: 1 },
  { unique: true, partialFilterExpression: { applicationId: { $exists: true } }, name: 'one_entry_per_offer' },
);

export type ExitOutcomeRecord = InferSchemaType<typeof exitOutcomeSchema>;
export type ExitOutcomeRecordDoc = HydratedDocumentFromSchema<typeof exitOutcomeSchema>;
export type ExamResult = InferSchemaType<typeof examResultSchema>;
export type ExamResultDoc = HydratedDocumentFromSchema<typeof examResultSchema>;
export type LedgerEntry = InferSchemaType<typeof ledgerEntrySchema>;
export type LedgerEntryDoc = HydratedDocumentFromSchema<typeof ledgerEntrySchema>;

export const exitOutcomeModel = defineModel('ExitOutcomeRecord', exitOutcomeSchema);
export const examResultModel = defineModel('ExamResult', examResultSchema);
export const ledgerEntryModel = defineModel('LedgerEntry', ledgerEntrySchema);

// One document per graduate reminded of (OUTCOME_MISSING): the unique studentId makes the reminder once per
// graduate, even when two instances or a retried occurrence run the sweep at the same time.
const outcomeReminderSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    remindedAt: { type: Date, required: true },
    /** Staff accounts notified. */
    recipients: { type: Number, required: true },
  },
  { timestamps: false },
);
outcomeReminderSchema.index({ studentId: 1 }, { unique: true, name: 'one_reminder_per_graduate' });

export const outcomeReminderModel = defineModel('OutcomeReminder', outcomeReminderSchema);

// The per-graduate summary every figure is summed from (one document per student with a graduation date, _id = the
// student's id): the student's school, trade and graduation date, and GraduateOutcomeFacts (shared) of their latest
// records. Never written by hand: outcome.records.ts recomputes a graduate's document from the student and their
// records, in the transaction of every write that changes them (outcome records, offers, hires, profile edits).
// `version` is GRADUATE_RECORD_VERSION: a start-up backfill rebuilds documents of an older version.
const graduateOutcomeSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    trade: { type: String, default: null },
    graduationDate: { type: Date, required: true },
    cohort: { type: Number, required: true },
    outcome: { type: String, enum: [...EXIT_OUTCOMES, null], default: null },
    startDate: { type: Date, default: null },
    outcomeRecorded: { type: Number, required: true },
    examResult: { type: Number, required: true },
    examPassed: { type: Number, required: true },
    positive: { type: Number, required: true },
    continuing: { type: Number, required: true },
    employedWithinTwoMonths: { type: Number, required: true },
    daysToHire: { type: Number, default: null },
    ledgerEntries: { type: Number, required: true },
    version: { type: Number, required: true },
  },
  { timestamps: false, versionKey: false },
);
// The network's figures: graduates so far; a school's: its graduates so far.
graduateOutcomeSchema.index({ graduationDate: 1 });
graduateOutcomeSchema.index({ schoolId: 1, graduationDate: 1 });

export type GraduateOutcome = InferSchemaType<typeof graduateOutcomeSchema>;
export const graduateOutcomeModel = defineModel('GraduateOutcome', graduateOutcomeSchema);

// The summaries summed per school, trade and graduation date (shared OutcomeCell, at a finer grain): what every
// figure reads, a few documents per school and year whatever the number of graduates. outcome.records.ts moves
// them by the difference of every summary write, in its transaction, and rebuilds them from the summaries when
// OUTCOME_CELLS_VERSION changes. A cell whose graduates all left stays with zeros (the figures skip it).
const outcomeCellSchema = new Schema(
  {
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    trade: { type: String },
    graduationDate: { type: Date, required: true },
    cohort: { type: Number, required: true },
    graduates: { type: Number, required: true },
    examResults: { type: Number, required: true },
    examPassed: { type: Number, required: true },
    outcomesRecorded: { type: Number, required: true },
    positive: { type: Number, required: true },
    continuing: { type: Number, required: true },
    employedWithinTwoMonths: { type: Number, required: true },
    /** { "<whole days>": EMPLOYED graduates with a start date } (negative: started before graduating). */
    daysToHire: { type: Schema.Types.Mixed },
    /** { "<number of entries>": graduates }. */
    ledgerEntries: { type: Schema.Types.Mixed },
  },
  { timestamps: false, versionKey: false, minimize: false },
);
outcomeCellSchema.index({ schoolId: 1, trade: 1, graduationDate: 1 }, { unique: true, name: 'one_cell' });
outcomeCellSchema.index({ graduationDate: 1 });

export type OutcomeCellDoc = InferSchemaType<typeof outcomeCellSchema>;
export const outcomeCellModel = defineModel('OutcomeCell', outcomeCellSchema);

/** One document (_id 'cells'): the OUTCOME_CELLS_VERSION the stored cells were built by. */
const outcomeCellsStateSchema = new Schema(
  { _id: { type: String, required: true }, version: { type: Number, required: true } },
  { timestamps: false, versionKey: false },
);
export const outcomeCellsStateModel = defineModel('OutcomeCellsState', outcomeCellsStateSchema);
