import { Schema, type HydratedDocumentFromSchema, type InferSchemaType, type Types } from 'mongoose';
import { NOTIFICATION_TYPES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// Stored as type + data only: the title and body are rendered when read, in the reader's language, so a wording
// change applies to old notifications too (documents of older versions may still carry title/body: ignored).
const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    type: { type: String, enum: NOTIFICATION_TYPES, required: true },
    // Ids for deep links plus the names used in the text (see NotificationDataMap in shared/).
    data: { type: Schema.Types.Mixed, default: {} },
    readAt: { type: Date, default: null },
    // Set when a daily digest e-mail listed it (or passed it over): the next digest starts after it.
    digestedAt: { type: Date, default: null },
    // Set by the timestamps option; declared so its type is known.
    createdAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
notificationSchema.index({ userId: 1, _id: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });
// The daily digest: unread notifications no digest has seen yet.
notificationSchema.index({ readAt: 1, digestedAt: 1, userId: 1 });

export type Notification = InferSchemaType<typeof notificationSchema>;
export type NotificationDoc = HydratedDocumentFromSchema<typeof notificationSchema>;
/** A notification read as a plain object (`lean`), for lists. */
export type NotificationRow = Notification & { _id: Types.ObjectId };
export const notificationModel = defineModel('Notification', notificationSchema);
