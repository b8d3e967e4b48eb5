import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// The edit history of published promises: who changed which fields, when, from what to what. Shown to the company.
const changeSchema = new Schema(
  {
    field: { type: String, required: true, maxlength: 40 },
    before: { type: Schema.Types.Mixed },
    after: { type: Schema.Types.Mixed },
  },
  { _id: false },
);

const jobPromiseEditSchema = new Schema(
  {
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    // The editor's name at the time (kept if the account is renamed or removed).
    byName: { type: String, required: true, maxlength: TEXT_LIMITS.name * 2 },
    at: { type: Date, required: true },
    changes: { type: [changeSchema], required: true },
    // Whether applicants and recommended graduates were told.
    notified: { type: Number, required: true, default: 0 },
  },
  { collection: 'jobPromiseEdits' },
);
jobPromiseEditSchema.index({ jobPromiseId: 1, at: -1 });

export type JobPromiseEdit = InferSchemaType<typeof jobPromiseEditSchema>;
export type JobPromiseEditDoc = HydratedDocumentFromSchema<typeof jobPromiseEditSchema>;
export const jobPromiseEditModel = defineModel('JobPromiseEdit', jobPromiseEditSchema);
