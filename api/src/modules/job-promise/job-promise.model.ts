import { Schema, type HydratedDocumentFromSchema, type InferSchemaType, type Types } from 'mongoose';
import {
  CONTRACT_TYPES,
  DIPLOMA_LEVELS,
  JOB_PROMISE_STATUSES,
  POSITIONS_MAX,
  TEXT_LIMITS,
  TRADES,
} from '@promesse/shared';
import { defineModel } from '../../db/model-registry';
import { geoPointDefinition } from '../../db/geo-point';

const jobPromiseSchema = new Schema(
  {
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    // Resolved at creation (empty input = every approved partner school), so visibility never depends on later
    // partnership changes.
    schoolIds: { type: [{ type: Schema.Types.ObjectId, ref: 'School' }], required: true },
    title: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.title },
    description: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.description },
    trade: { type: String, enum: TRADES, required: true },
    contractType: { type: String, enum: CONTRACT_TYPES, required: true },
    positions: { type: Number, required: true, min: 1, max: POSITIONS_MAX },
    // Only ever changed by a conditional $inc (hire), never set from input.
    hiredCount: { type: Number, required: true, default: 0, min: 0 },
    diplomaLevel: { type: String, enum: DIPLOMA_LEVELS },
    skills: { type: [{ type: String, trim: true, maxlength: TEXT_LIMITS.skill }], default: [] },
    city: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    location: { type: new Schema(geoPointDefinition, { _id: false }), required: true },
    startDate: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    // Stored status; OPEN past expiresAt is read as EXPIRED (see effectiveJobPromiseStatus) until the sweep runs.
    status: { type: String, enum: JOB_PROMISE_STATUSES, required: true, default: 'DRAFT' },
    publishedAt: { type: Date },
    closedAt: { type: Date },
    filledAt: { type: Date },
    // Set when the company was reminded that the promise expires soon (once).
    expiryReminderAt: { type: Date, default: null },
    // Sort key of "newest first": creation time, then publication time (a draft published today lists on top).
    listedAt: { type: Date, required: true, default: () => new Date() },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
jobPromiseSchema.index({ status: 1, trade: 1 });
jobPromiseSchema.index({ schoolIds: 1, status: 1, listedAt: -1 });
// Matching candidates of a student: open promises targeting their school, by trade (matching.candidates.ts).
jobPromiseSchema.index({ schoolIds: 1, status: 1, trade: 1 });
jobPromiseSchema.index({ companyId: 1, listedAt: -1 });
jobPromiseSchema.index({ listedAt: -1, _id: -1 });
jobPromiseSchema.index(
  { title: 'text', description: 'text', skills: 'text' },
  { name: 'jobPromise_text', default_language: 'french', weights: { title: 5, skills: 3, description: 1 } },
);
jobPromiseSchema.index({ location: '2dsphere' });
jobPromiseSchema.index({ status: 1, expiresAt: 1 });

export type JobPromise = InferSchemaType<typeof jobPromiseSchema>;
export type JobPromiseDoc = HydratedDocumentFromSchema<typeof jobPromiseSchema>;
/** A plain (lean) jobPromise as read for display: what the GraphQL type resolves from (a hydrated document fits too). */
export type JobPromiseRow = JobPromise & { _id: Types.ObjectId };
export const jobPromiseModel = defineModel('JobPromise', jobPromiseSchema);
