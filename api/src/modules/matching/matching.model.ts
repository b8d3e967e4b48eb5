import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

/** PROPOSED: computed, nothing sent yet. CONFIRMED: staff confirmed it, recommendations created (once). */
export const MATCHING_ROUND_STATUSES = ['PROPOSED', 'CONFIRMED'] as const;
export type MatchingRoundStatus = (typeof MATCHING_ROUND_STATUSES)[number];

const pairSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    score: { type: Number, required: true, min: 0, max: 1 },
    // Catalog keys and params (rendered in each reader's language). Rounds proposed before had French `reasons`.
    reasonCodes: {
      type: [new Schema({ key: String, params: Schema.Types.Mixed }, { _id: false })],
      default: undefined,
    },
    reasons: { type: [String], default: undefined },
  },
  { _id: false },
);

const skippedSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    // A catalog key (matching.skip.*), rendered at read; French text in rounds confirmed before.
    reason: { type: String, required: true },
  },
  { _id: false },
);

/**
 * A school-mediated matching round: the proposal (stable matching of a cohort of graduates with open promises),
 * kept as computed, then who confirmed it, when, and which recommendations it created.
 */
const matchingRoundSchema = new Schema(
  {
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    studentIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Student' }], default: [] },
    jobPromiseIds: { type: [{ type: Schema.Types.ObjectId, ref: 'JobPromise' }], default: [] },
    minScore: { type: Number, min: 0, max: 1 },
    pairs: { type: [pairSchema], default: [] },
    unmatchedStudentIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Student' }], default: [] },
    status: { type: String, enum: MATCHING_ROUND_STATUSES, required: true, default: 'PROPOSED' },
    confirmedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    confirmedAt: { type: Date },
    note: { type: String, trim: true, maxlength: TEXT_LIMITS.note },
    recommendationIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Recommendation' }], default: [] },
    /** Confirmed pairs that were not turned into a recommendation, and why. */
    skipped: { type: [skippedSchema], default: [] },
  },
  { timestamps: true },
);
matchingRoundSchema.index({ schoolId: 1, createdAt: -1 });

export type MatchingRound = InferSchemaType<typeof matchingRoundSchema>;
export type MatchingRoundDoc = HydratedDocumentFromSchema<typeof matchingRoundSchema>;
export const matchingRoundModel = defineModel('MatchingRound', matchingRoundSchema);
