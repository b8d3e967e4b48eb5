import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { RECOMMENDATION_STATUSES, TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

const recommendationSchema = new Schema(
  {
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    // Denormalized: the company's list and the privacy rule (companyKnowsStudent) read it.
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    recommendedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    note: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.note },
    status: { type: String, enum: RECOMMENDATION_STATUSES, required: true, default: 'PENDING' },
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application' },
    respondedAt: { type: Date },
    // Set when the promise's end (CLOSED, EXPIRED, FILLED) declined it, not the graduate.
    closedByPromise: { type: String },
  },
  { timestamps: true },
);
// At most one pending recommendation per (student, promise); answered ones may be followed by a new one.
recommendationSchema.index(
  { studentId: 1, jobPromiseId: 1 },
  { unique: true, partialFilterExpression: { status: 'PENDING' }, name: 'one_pending_per_student_promise' },
);
recommendationSchema.index({ studentId: 1, createdAt: -1 });
recommendationSchema.index({ schoolId: 1, createdAt: -1 });
recommendationSchema.index({ jobPromiseId: 1, createdAt: -1 });
recommendationSchema.index({ companyId: 1, studentId: 1 });

export type Recommendation = InferSchemaType<typeof recommendationSchema>;
export type RecommendationDoc = HydratedDocumentFromSchema<typeof recommendationSchema>;
export const recommendationModel = defineModel('Recommendation', recommendationSchema);
