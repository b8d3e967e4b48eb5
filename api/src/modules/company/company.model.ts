import { Schema, type HydratedDocumentFromSchema, type InferSchemaType, type Types } from 'mongoose';
import {
  COMPANY_PHOTO_LIMITS,
  COMPANY_PROFILE_LIMITS,
  PARTNERSHIP_STATUSES,
  TEXT_LIMITS,
  TRADES,
} from '@promesse/shared';
import { defineModel } from '../../db/model-registry';
import { geoPointDefinition } from '../../db/geo-point';

const companySchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    siret: { type: String, required: true, unique: true, match: /^\d{14}$/ },
    city: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    location: { type: new Schema(geoPointDefinition, { _id: false }), required: true },
    contactName: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    // Profile shown to students on the promise page.
    presentation: { type: String, trim: true, maxlength: COMPANY_PROFILE_LIMITS.presentation },
    trades: { type: [{ type: String, enum: TRADES }], default: [] },
    sites: {
      type: [
        new Schema(
          {
            name: { type: String, required: true, trim: true, maxlength: COMPANY_PROFILE_LIMITS.siteName },
            city: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
            address: { type: String, trim: true, maxlength: COMPANY_PROFILE_LIMITS.address },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    // Workshop photos (GridFS files, purpose WORKSHOP_PHOTO), each with its alternative text, in display order.
    photos: {
      type: [
        new Schema(
          {
            fileId: { type: Schema.Types.ObjectId, required: true },
            alt: { type: String, required: true, trim: true, maxlength: COMPANY_PHOTO_LIMITS.alt },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
companySchema.index({ location: '2dsphere' });

export type Company = InferSchemaType<typeof companySchema>;
export type CompanyDoc = HydratedDocumentFromSchema<typeof companySchema>;
/** A plain (lean) company as read for display: what the GraphQL type resolves from (a hydrated document fits too). */
export type CompanyRow = Company & { _id: Types.ObjectId };
export const companyModel = defineModel('Company', companySchema);

// One partnership per (company, school): a rejected request is re-opened (back to PENDING), never duplicated.
const partnershipSchema = new Schema(
  {
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    status: { type: String, enum: PARTNERSHIP_STATUSES, required: true, default: 'PENDING' },
    requestedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    // Set on each (re-)request; updatedAt would move with the decision.
    requestedAt: { type: Date, required: true, default: () => new Date() },
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    decidedAt: { type: Date },
  },
  { timestamps: true },
);
partnershipSchema.index({ companyId: 1, schoolId: 1 }, { unique: true });
partnershipSchema.index({ schoolId: 1, status: 1 });
partnershipSchema.index({ companyId: 1, status: 1 });

export type Partnership = InferSchemaType<typeof partnershipSchema>;
export type PartnershipDoc = HydratedDocumentFromSchema<typeof partnershipSchema>;
export const partnershipModel = defineModel('Partnership', partnershipSchema);
