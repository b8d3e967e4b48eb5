import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS, TRADES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

/** GeoJSON point ([lng, lat]) shared by every located document; 2dsphere-indexed where queried by distance. */
export const geoPointDefinition = {
  type: { type: String, enum: ['Point'], required: true },
  coordinates: { type: [Number], required: true },
} as const;

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

export const schoolModel = defineModel('School', schoolSchema);
