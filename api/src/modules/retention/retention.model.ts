import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { defineModel } from '../../db/model-registry';

// Issue 18: one document per warned period of inactivity of an account (RETENTION_RULES.INACTIVE_ACCOUNT). The
// unique (userId, lastActiveAt) pair makes the warning e-mail go once per period, whatever the number of runs or
// instances; an account that comes back and goes quiet again has a new lastActiveAt, so a new period. The account is
// anonymised only once its warning's `anonymiseAt` passed (never without the 30 days' notice).
const inactivityWarningSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    lastActiveAt: { type: Date, required: true },
    warnedAt: { type: Date, required: true },
    anonymiseAt: { type: Date, required: true },
    anonymisedAt: { type: Date, default: null },
  },
  { collection: 'inactivityWarnings', versionKey: false },
);
inactivityWarningSchema.index({ userId: 1, lastActiveAt: 1 }, { unique: true });

export type InactivityWarning = InferSchemaType<typeof inactivityWarningSchema> & { _id: Types.ObjectId };
export const inactivityWarningModel = defineModel('InactivityWarning', inactivityWarningSchema);
