import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ACCESS_KINDS } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';

// Issue 18: who, of a company, saw a student's contact details or CV. One document per viewer, student, kind and
// (UTC) day: a recruiter paging through applications all day makes one entry, with its first and last time and a
// count, instead of one write per field read. Kept one year (RETENTION_RULES.ACCESS_LOG, modules/retention).
const accessLogSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'Student', required: true },
    // The student's school when seen: its staff read the log.
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    viewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
    kind: { type: String, enum: ACCESS_KINDS, required: true },
    day: { type: String, required: true },
    firstAt: { type: Date, required: true },
    lastAt: { type: Date, required: true },
    count: { type: Number, required: true, default: 1 },
  },
  { collection: 'accessLogs', versionKey: false },
);
accessLogSchema.index({ viewerId: 1, studentId: 1, kind: 1, day: 1 }, { unique: true });
accessLogSchema.index({ studentId: 1, lastAt: -1 });
accessLogSchema.index({ lastAt: 1 });

export type AccessLogEntry = InferSchemaType<typeof accessLogSchema> & { _id: Types.ObjectId };
export const accessLogModel = defineModel('AccessLog', accessLogSchema);
