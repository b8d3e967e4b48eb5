import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { diplomaLevelSchema, tradeSchema } from '../common/common.enums';
import { geoPointSchema } from '../common/common.geo';
import { frenchPhoneSchema } from './student.phone';
import { citySchema, idSchema, optionalInput, plausibleDate, skillsSchema } from '../common/common.schemas';

export const MOBILITY_KM_MAX = 500;

/**
 * Partial update of a student's profile: absent (or null) fields are left unchanged. `studentId` is given by
 * school staff editing one of their students; a student editing their own profile omits it.
 */
export const studentProfileSchema = z.object({
  studentId: optionalInput(idSchema),
  trade: optionalInput(tradeSchema),
  diplomaLevel: optionalInput(diplomaLevelSchema),
  // A student graduates within a few years of now (past graduates stay on the platform for a while).
  graduationDate: optionalInput(plausibleDate({ pastYears: 10, futureYears: 6 })),
  skills: optionalInput(skillsSchema),
  city: optionalInput(citySchema),
  location: optionalInput(geoPointSchema),
  mobilityKm: optionalInput(
    z
      .number(msg('validation.numberExpected'))
      .int(msg('validation.mobilityInteger'))
      .min(0, msg('validation.mobilityMin'))
      .max(MOBILITY_KM_MAX, msg('validation.mobilityMax', { max: MOBILITY_KM_MAX })),
  ),
  availableFrom: optionalInput(plausibleDate({ pastYears: 10, futureYears: 6 })),
  /** Optional French number; shown to a company only once the student applied or was recommended to it. */
  phone: optionalInput(frenchPhoneSchema),
  /** True removes the phone number (an absent `phone` keeps it). */
  removePhone: optionalInput(z.boolean()),
});
export type StudentProfileInput = z.infer<typeof studentProfileSchema>;
