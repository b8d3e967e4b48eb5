import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { NOTIFICATION_TYPES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    type: { type: String, enum: NOTIFICATION_TYPES, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    // Ids for deep links plus the names used in the text (see NotificationDataMap in shared/).
    data: { type: Schema.Types.Mixed, default: {} },
    readAt: { type: Date, default: null },
    // Outbox flag for live delivery (issue 5): written null in the same transaction as the event; the emitter
    // sets it once `notification:new` has been sent, so nothing committed is ever skipped.
    emittedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
notificationSchema.index({ userId: 1, _id: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });
notificationSchema.index({ emittedAt: 1, _id: 1 });

export type Notification = InferSchemaType<typeof notificationSchema>;
export type NotificationDoc = HydratedDocumentFromSchema<typeof notificationSchema>;
export const notificationModel = defineModel('Notification', notificationSchema);
