import { Schema, type InferSchemaType } from 'mongoose';
import { defineModel } from '../../db/model-registry';

/**
 * One document per signed-in device: a refresh-token family. Only hashes are stored. Each refresh rotates the token;
 * the retired hashes are kept so that replaying one (a stolen cookie used after its owner refreshed) is recognised
 * and ends the whole family.
 */
const sessionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    tokenHash: { type: String, required: true, unique: true },
    retiredHashes: { type: [String], default: [], index: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false },
);
// Dropped once expired (a revoked session is kept until then, so reuse of its tokens is still recognised).
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type Session = InferSchemaType<typeof sessionSchema>;

export const sessionModel = defineModel('Session', sessionSchema);
