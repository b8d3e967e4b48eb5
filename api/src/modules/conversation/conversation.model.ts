import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { CONTACT_SIGNALS, MESSAGE_BODY_MAX, TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

/** A file sent with a message (bytes in GridFS, see modules/file); copied here so a thread reads in one query. */
const attachmentSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 200 },
    contentType: { type: String, required: true },
    size: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

/** One message of an application's conversation (student <-> the company's recruiters). */
const messageSchema = new Schema(
  {
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application', required: true },
    // Denormalized from the application: who may read it is decided without reading the application again.
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    authorUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    authorSide: { type: String, enum: ['STUDENT', 'COMPANY'], required: true },
    /** The student's full name, or the company's name: what the other side sees (a recruiter's name is theirs). */
    authorName: { type: String, required: true, maxlength: TEXT_LIMITS.name * 2 },
    body: { type: String, trim: true, maxlength: MESSAGE_BODY_MAX },
    attachments: { type: [attachmentSchema], default: [] },
    /** What the off-app contact rule found in a recruiter's message (the school staff were told). */
    contactSignals: { type: [{ type: String, enum: CONTACT_SIGNALS }], default: [] },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
// A thread in order; unread counts scan a thread's messages newer than the reader's mark.
messageSchema.index({ applicationId: 1, _id: 1 });

/** How far each participant has read a conversation: every message up to `lastReadId` included. */
const conversationReadSchema = new Schema(
  {
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application', required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    lastReadId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
conversationReadSchema.index({ userId: 1, applicationId: 1 }, { unique: true });

export type Message = InferSchemaType<typeof messageSchema>;
export type MessageDoc = HydratedDocumentFromSchema<typeof messageSchema>;
export const messageModel = defineModel('ConversationMessage', messageSchema);
export type ConversationReadDoc = HydratedDocumentFromSchema<typeof conversationReadSchema>;
export const conversationReadModel = defineModel('ConversationRead', conversationReadSchema);
