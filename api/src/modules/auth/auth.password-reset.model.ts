import { Schema, type HydratedDocumentFromSchema } from 'mongoose';
import { defineModel } from '../../db/model-registry';

// One document per password reset asked for. Only the sha256 of the e-mailed token is stored; it works once, for
// an hour (PASSWORD_RESET_VALIDITY_MS).
const passwordResetSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: 'passwordResets', timestamps: true },
);

export type PasswordResetDoc = HydratedDocumentFromSchema<typeof passwordResetSchema>;
export const passwordResetModel = defineModel('PasswordReset', passwordResetSchema);
