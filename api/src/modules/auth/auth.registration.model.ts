import { Schema, type HydratedDocumentFromSchema } from 'mongoose';
import { LOCALES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// A company sign-up waiting for its e-mail address to be proven (issue 14; issue 13 item 4). No user and no company
// exist until the e-mailed link is followed, so an unverified sign-up reserves nothing: the address can still be
// invited, the SIRET still registered, and the e-mail has no account to log in to. Only the sha256 of the link's
// token is stored; the TTL index drops a sign-up a week after its link expired.
const companyRegistrationSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    email: { type: String, required: true, lowercase: true, trim: true, index: true },
    passwordHash: { type: String, required: true, select: false },
    companyName: { type: String, required: true },
    siret: { type: String, required: true },
    contactName: { type: String, required: true },
    city: { type: String, required: true },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    locale: { type: String, enum: LOCALES, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: 'companyRegistrations', timestamps: true },
);
companyRegistrationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 7 * 24 * 60 * 60 });

export type CompanyRegistrationDoc = HydratedDocumentFromSchema<typeof companyRegistrationSchema>;
export const companyRegistrationModel = defineModel('CompanyRegistration', companyRegistrationSchema);
