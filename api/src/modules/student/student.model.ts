import { Schema, type HydratedDocumentFromSchema, type InferSchemaType } from 'mongoose';
import { DIPLOMA_LEVELS, ERASURE_REASONS, TEXT_LIMITS, TRADES } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';
import { geoPointDefinition } from '../../db/geo-point';
import { placeStudentsAtTowns } from './student.place';

export const DEFAULT_MOBILITY_KM = 30;

/** A student's profile (one per STUDENT user). "Graduate" = a student, whatever the graduation date. */
const studentSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, unique: true },
    schoolId: { type: Schema.Types.ObjectId, ref: 'School', required: true },
    firstName: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    lastName: { type: String, required: true, trim: true, maxlength: TEXT_LIMITS.name },
    // Copy of the account e-mail, for contact once the privacy rule allows it.
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: TEXT_LIMITS.email },
    trade: { type: String, enum: TRADES },
    diplomaLevel: { type: String, enum: DIPLOMA_LEVELS },
    graduationDate: { type: Date },
    skills: { type: [{ type: String, trim: true, maxlength: TEXT_LIMITS.skill }], default: [] },
    city: { type: String, trim: true, maxlength: TEXT_LIMITS.name },
    // Always a gazetteer town's centre (student.place.ts), never a home address.
    location: { type: new Schema(geoPointDefinition, { _id: false }), required: false },
    /** 'TOWN' once the location is a town centre (documents written before issue 13 are migrated at start). */
    locationPrecision: { type: String },
    mobilityKm: { type: Number, default: DEFAULT_MOBILITY_KM, min: 0 },
    availableFrom: { type: Date },
    /** Optional French number ("06 12 34 56 78"); a contact detail (same privacy rule as the e-mail). */
    phone: { type: String, trim: true, maxlength: 20 },
    /**
     * The student's choice (issue 18): out of the companies' graduate matching and browsing. They can still apply;
     * staff still see them.
     */
    hiddenFromMatching: { type: Boolean, default: false },
    /** The current CV (a PDF in GridFS, modules/file); replacing it deletes the previous file. */
    cv: {
      type: new Schema(
        {
          fileId: { type: Schema.Types.ObjectId, required: true },
          name: { type: String, required: true, maxlength: 200 },
          size: { type: Number, required: true, min: 0 },
          uploadedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      required: false,
    },
    /**
     * Set when the person was erased (issue 18, modules/privacy): names, contacts, place and CV are gone; what the
     * outcome figures need (school, trade, diploma, graduation date) stays, with no way back to the person.
     */
    erasedAt: { type: Date, default: null },
    erasureReason: { type: String, enum: [...ERASURE_REASONS, null], default: null },
  },
  { timestamps: true },
);
studentSchema.index({ schoolId: 1, trade: 1 });
// Matching candidates of a promise: graduates of a school and trade within a graduation window (matching.candidates.ts).
studentSchema.index({ schoolId: 1, trade: 1, graduationDate: 1 });
studentSchema.index({ location: '2dsphere' });
placeStudentsAtTowns(studentSchema);

export type Student = InferSchemaType<typeof studentSchema>;
export type StudentDoc = HydratedDocumentFromSchema<typeof studentSchema>;
export const studentModel = defineModel('Student', studentSchema);
