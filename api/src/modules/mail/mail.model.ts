import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { LOCALES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

export const MAIL_STATUSES = ['PENDING', 'SENT', 'DEAD', 'SUPPRESSED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

// The outbox: one document per message to send, inserted in the transaction of the change that causes it, so a
// message exists if and only if its cause was committed. Workers claim due messages with a lease (`availableAt`
// moves past the lease while a worker sends), so a worker that dies mid-send leaves the message to another.
const mailOutboxSchema = new Schema(
  {
    // Idempotency key: a cause enqueues its message under one key, and a second enqueue with it is a no-op. The
    // SMTP Message-ID is derived from it, so a resend after a crash is recognisable as the same message.
    key: { type: String, required: true, unique: true, maxlength: 300 },
    to: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    locale: { type: String, enum: LOCALES, required: true },
    template: { type: String, required: true },
    // What the template needs (names, links' tokens); dropped once sent (reset tokens must not linger).
    params: { type: Schema.Types.Mixed },
    recipientName: { type: String, maxlength: 200 },
    // Optional messages carry List-Unsubscribe for this user and topic; essential ones (account) carry none.
    userId: { type: Schema.Types.ObjectId, ref: 'User' },
    topic: { type: String, maxlength: 100 },
    status: { type: String, enum: MAIL_STATUSES, required: true, default: 'PENDING' },
    attempts: { type: Number, required: true, default: 0 },
    // When the message may be claimed next: now for a new one, after the backoff for a failed one, after the
    // lease for one being sent.
    availableAt: { type: Date, required: true },
    leaseOwner: { type: String },
    lastError: { type: String, maxlength: 2000 },
    messageId: { type: String },
    sentAt: { type: Date },
  },
  { collection: 'mailOutbox', timestamps: true },
);
mailOutboxSchema.index({ status: 1, availableAt: 1 });
mailOutboxSchema.index({ status: 1, updatedAt: -1 });
mailOutboxSchema.index({ leaseOwner: 1 }, { sparse: true });

export type MailOutbox = InferSchemaType<typeof mailOutboxSchema>;
export type MailOutboxDoc = HydratedDocumentFromSchema<typeof mailOutboxSchema>;
export const mailOutboxModel = defineModel('MailOutbox', mailOutboxSchema);

// Topics a user unsubscribed from through a message's one-click link (RFC 8058); checked when sending.
const mailSuppressionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    topic: { type: String, required: true, maxlength: 100 },
  },
  { collection: 'mailSuppressions', timestamps: true },
);
mailSuppressionSchema.index({ userId: 1, topic: 1 }, { unique: true });

export const mailSuppressionModel = defineModel('MailSuppression', mailSuppressionSchema);
