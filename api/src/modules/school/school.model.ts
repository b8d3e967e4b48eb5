import { Schema, type HydratedDocumentFromSchema, type InferSchemaType, type Types } from 'mongoose';
import { TEXT_LIMITS, TRADES } from '@promesse/shared';
import { geoPointDefinition } from '../../db/geo-point';
import { defineModel } from '../../db/model-registry';

const schoolSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    city: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    location: { type: new Schema(geoPointDefinition, { _id: false }), required: true },
    trades: { type: [{ type: String, enum: TRADES }], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
schoolSchema.index({ location: '2dsphere' });
schoolSchema.index({ name: 1 });

export type School = InferSchemaType<typeof schoolSchema>;
export type SchoolDoc = HydratedDocumentFromSchema<typeof schoolSchema>;
/** A plain (lean) school as read for display: what the GraphQL type resolves from (a hydrated document fits too). */
export type SchoolRow = School & { _id: Types.ObjectId };

export const schoolModel = defineModel('School', schoolSchema);
