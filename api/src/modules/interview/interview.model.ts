import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { INTERVIEW_LIMITS, INTERVIEW_STATUSES, TEXT_LIMITS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// An interview proposed on an application. A new proposal on the same application cancels the unanswered one, so
// each application has at most one PROPOSED interview; `sequence` counts the proposals (the .ics SEQUENCE), and a
// cancellation raises it once more so that its CANCEL outranks the invitation it withdraws.
const interviewSchema = new Schema(
  {
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application', required: true },
    // Denormalized from the application for the policy and the reminder.
    jobPromiseId: { type: Schema.Types.ObjectId, ref: 'JobPromise', required: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    startsAt: { type: Date, required: true },
    durationMinutes: {
      type: Number,
      required: true,
      min: INTERVIEW_LIMITS.durationMin,
      max: INTERVIEW_LIMITS.durationMax,
    },
    place: { type: String, trim: true, maxlength: INTERVIEW_LIMITS.place },
    videoUrl: { type: String, trim: true, maxlength: INTERVIEW_LIMITS.videoUrl },
    message: { type: String, trim: true, maxlength: TEXT_LIMITS.message },
    status: { type: String, enum: INTERVIEW_STATUSES, required: true, default: 'PROPOSED' },
    proposedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    sequence: { type: Number, required: true, default: 0 },
    responseMessage: { type: String, trim: true, maxlength: TEXT_LIMITS.message },
    respondedAt: { type: Date },
    // Set when the company cancels it (the reason is shown to the student).
    cancelledAt: { type: Date },
    cancelReason: { type: String, trim: true, maxlength: TEXT_LIMITS.message },
    // Set by the one reminder run that claims it (whatever the number of API instances).
    reminderSentAt: { type: Date, default: null },
  },
  { timestamps: true },
);
interviewSchema.index({ applicationId: 1, createdAt: -1 });
interviewSchema.index({ status: 1, reminderSentAt: 1, startsAt: 1 });

export type Interview = InferSchemaType<typeof interviewSchema>;
export type InterviewDoc = HydratedDocumentFromSchema<typeof interviewSchema>;
export const interviewModel = defineModel('Interview', interviewSchema);
