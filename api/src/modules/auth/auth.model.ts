import { Schema, type HydratedDocumentFromSchema, type InferSchemaType, type Types } from 'mongoose';
import { DEFAULT_LOCALE, LOCALES, NOTIFICATION_TYPES, ROLES, TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true, maxlength: 254 },
    // Never selected by default: only the login path asks for it explicitly.
    passwordHash: { type: String, required: true, select: false },
    role: { type: String, enum: ROLES, required: true, index: true },
    displayName: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.displayName },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', index: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', index: true },
    // The language of the app, errors and notifications for this user (rendered when read).
    locale: { type: String, enum: LOCALES, default: DEFAULT_LOCALE },
    // Access tokens issued before this instant are refused (log-out everywhere, password change): auth.session.ts.
    sessionsValidFrom: { type: Date, default: null },
    // Last single-device log-out: written so the realtime feed re-checks the user's sockets (realtime.server.ts).
    sessionRevokedAt: { type: Date, default: null },
    // Last log-in or session refresh, written at most once a day (auth.session.ts): the retention rule of inactive
    // accounts (issue 18, modules/retention) counts from it, or from createdAt for an account never seen since.
    lastActiveAt: { type: Date, default: null },
    // Notification types the user muted: still stored and listed, not pushed live (realtime, issue 5).
    notificationPreferences: {
      mutedTypes: { type: [{ type: String, enum: NOTIFICATION_TYPES }], default: [] },
      // Chosen channel per type (IN_APP, IMMEDIATE, DIGEST; MUTED lives in mutedTypes); absent = the role's default.
      channels: { type: Schema.Types.Mixed, default: {} },
    },
  },
  { timestamps: true },
);
userSchema.index({ lastActiveAt: 1 });

export type User = InferSchemaType<typeof userSchema>;
export type UserDoc = HydratedDocumentFromSchema<typeof userSchema>;
/** A plain (lean) user as read for display: what the GraphQL type resolves from (a hydrated document fits too). */
export type UserRow = User & { _id: Types.ObjectId };

export const userModel = defineModel('User', userSchema);
