import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { INVITABLE_ROLES, TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// Only the sha256 of the code is stored: a database leak does not leak usable invitations.
const invitationSchema = new Schema(
  {
    codeHash: { type: String, required: true, unique: true },
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: TEXT_LIMITS.email },
    role: { type: String, enum: [...INVITABLE_ROLES, 'COMPANY_RECRUITER'], required: true },
    // Students and staff join a school; a recruiter invited by a colleague joins that colleague's company.
    schoolId: {
      type: Schema.Types.ObjectId,
      ref: 'School',
      required: function (this: { companyId?: unknown }) {
        return !this.companyId;
      },
    },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company' },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    usedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    // Withdrawn by the inviter: its link and code no longer work.
    revokedAt: { type: Date, default: null },
    // How many e-mails were queued for it (the first and each resend, which also renews the code).
    sentCount: { type: Number, default: 0 },
    lastSentAt: { type: Date },
  },
  { timestamps: true },
);
invitationSchema.index({ schoolId: 1, createdAt: -1 });
invitationSchema.index({ invitedBy: 1, createdAt: -1 });

export type Invitation = InferSchemaType<typeof invitationSchema>;
export type InvitationDoc = HydratedDocumentFromSchema<typeof invitationSchema>;
export const invitationModel = defineModel('Invitation', invitationSchema);
