import { Schema, type HydratedDocumentFromSchema, type InferSchemaType, type Types } from 'mongoose';
import { CONTRACT_TYPES, JOB_ALERT_NAME_MAX, TEXT_LIMITS, TRADES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// A student's saved search: the search page's trade, contract, distance and words. The school is copied at creation
// so a published promise finds the alerts of its targeted schools with one indexed read.
const jobAlertSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    name: { type: String, required: true, trim: true, maxlength: JOB_ALERT_NAME_MAX },
    filter: {
      trade: { type: String, enum: [...TRADES, null], default: null },
      contractType: { type: String, enum: [...CONTRACT_TYPES, null], default: null },
      text: { type: String, maxlength: TEXT_LIMITS.searchText, default: null },
      near: {
        type: new Schema({ lat: Number, lng: Number, radiusKm: Number }, { _id: false }),
        default: null,
      },
    },
    createdAt: { type: Date },
  },
  { collection: 'jobAlerts', timestamps: { createdAt: true, updatedAt: false } },
);
jobAlertSchema.index({ userId: 1, createdAt: -1 });
jobAlertSchema.index({ schoolId: 1 });

export type JobAlert = InferSchemaType<typeof jobAlertSchema>;
export type JobAlertDoc = HydratedDocumentFromSchema<typeof jobAlertSchema>;
export type JobAlertRow = JobAlert & { _id: Types.ObjectId };
export const jobAlertModel = defineModel('JobAlert', jobAlertSchema);

// One row per (alert, promise) that notified: the unique index is what makes "at most once" hold under retries
// and concurrent publishers.
const jobAlertHitSchema = new Schema(
  {
    alertId: { type: Schema.Types.ObjectId, ref: 'JobAlert', required: true },
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    at: { type: Date, required: true },
  },
  { collection: 'jobAlertHits' },
);
jobAlertHitSchema.index({ alertId: 1, jobPromiseId: 1 }, { unique: true });
jobAlertHitSchema.index({ jobPromiseId: 1 });

export const jobAlertHitModel = defineModel('JobAlertHit', jobAlertHitSchema);
