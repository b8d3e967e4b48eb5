import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import {
  APPLICATION_SOURCES,
  APPLICATION_STATUSES,
  CONTRACT_TYPES,
  OFFER_LIMITS,
  ROLES,
  TEXT_LIMITS,
} from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

/** One move of an application; `from` is null for the creation entry. `byUserId` is null for system moves. */
const historyEntrySchema = new Schema(
  {
    from: { type: String, enum: [...APPLICATION_STATUSES, null], default: null },
    to: { type: String, enum: APPLICATION_STATUSES, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    byRole: { type: String, enum: [...ROLES, 'SYSTEM'], required: true },
    at: { type: Date, required: true },
    reason: { type: String, maxlength: TEXT_LIMITS.reason },
  },
  { _id: false },
);

/** What the company offers ("Faire une offre"): shown to the student before they accept. */
const offerSchema = new Schema(
  {
    contractType: { type: String, enum: CONTRACT_TYPES, required: true },
    startDate: { type: Date, required: true },
    weeklyHours: { type: Number, required: true, min: OFFER_LIMITS.weeklyHoursMin, max: OFFER_LIMITS.weeklyHoursMax },
    grossMonthlySalary: { type: Number, min: OFFER_LIMITS.salaryMin, max: OFFER_LIMITS.salaryMax },
    apprenticeshipPercent: {
      type: Number,
      min: OFFER_LIMITS.apprenticeshipPercentMin,
      max: OFFER_LIMITS.apprenticeshipPercentMax,
    },
    message: { type: String, trim: true, maxlength: TEXT_LIMITS.message },
    madeBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    madeAt: { type: Date, required: true },
  },
  { _id: false },
);

const applicationSchema = new Schema(
  {
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    // Denormalized for the company's and the school's lists and for the privacy rule (companyKnowsStudent).
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    status: { type: String, enum: APPLICATION_STATUSES, required: true, default: 'SUBMITTED' },
    source: { type: String, enum: APPLICATION_SOURCES, required: true, default: 'STUDENT' },
    message: { type: String, trim: true, maxlength: TEXT_LIMITS.message },
    recommendationId: { type: Schema.Types.ObjectId, ref: 'Recommendation' },
    history: { type: [historyEntrySchema], default: [] },
    offer: { type: offerSchema, default: undefined },
  },
  { timestamps: true },
);
// Applying twice returns the same application: the unique index is what makes it true under concurrency.
applicationSchema.index({ studentId: 1, jobPromiseId: 1 }, { unique: true });
applicationSchema.index({ jobPromiseId: 1, status: 1 });
applicationSchema.index({ studentId: 1, status: 1 });
applicationSchema.index({ companyId: 1, studentId: 1 });
applicationSchema.index({ schoolId: 1, createdAt: -1 });
// Matching: past hires of companies through a school (matching.candidates.ts loadSchoolHistory).
applicationSchema.index({ schoolId: 1, status: 1, companyId: 1 });

export type Application = InferSchemaType<typeof applicationSchema>;
export type ApplicationDoc = HydratedDocumentFromSchema<typeof applicationSchema>;
export const applicationModel = defineModel('Application', applicationSchema);
