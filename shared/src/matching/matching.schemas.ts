import * as z from 'zod';
import { idSchema, noteSchema, optionalInput } from '../common/common.schemas';
import { msg } from '../messages/messages.zod';

export const MATCHES_FIRST_DEFAULT = 20;
export const MATCHES_FIRST_MAX = 100;
export const ROUND_STUDENTS_MAX = 200;
export const ROUND_PROMISES_MAX = 1000;

const firstSchema = optionalInput(
  z
    .number(msg('validation.numberExpected'))
    .int(msg('validation.integerExpected'))
    .min(1, msg('validation.atLeast', { min: 1 }))
    .max(MATCHES_FIRST_MAX, msg('validation.atMost', { max: MATCHES_FIRST_MAX })),
);

/** matchingJobPromises(first), matchingRounds(first). */
export const matchesQuerySchema = z.object({ first: firstSchema });

/** matchingGraduates(jobPromiseId, first): a malformed id is NOT_FOUND (looked up like an unknown one). */
export const graduateMatchesQuerySchema = z.object({ jobPromiseId: z.string().max(100), first: firstSchema });

export const proposeMatchingRoundSchema = z.object({
  studentIds: z
    .array(idSchema, msg('matching.validation.studentsExpected'))
    .min(1, msg('matching.validation.studentsMin'))
    .max(ROUND_STUDENTS_MAX, msg('matching.validation.studentsMax', { max: ROUND_STUDENTS_MAX }))
    .refine((ids) => new Set(ids).size === ids.length, msg('matching.duplicateStudent')),
  jobPromiseIds: optionalInput(
    z
      .array(idSchema, msg('matching.validation.promisesExpected'))
      .min(1, msg('matching.validation.promisesMin'))
      .max(ROUND_PROMISES_MAX, msg('matching.validation.promisesMax', { max: ROUND_PROMISES_MAX }))
      .transform((ids) => [...new Set(ids)]),
  ),
  minScore: optionalInput(
    z
      .number(msg('validation.numberExpected'))
      .min(0, msg('matching.validation.scoreRange'))
      .max(1, msg('matching.validation.scoreRange')),
  ),
});
export type ProposeMatchingRoundInput = z.infer<typeof proposeMatchingRoundSchema>;

/** `roundId` is any string: a malformed one is NOT_FOUND. */
export const confirmMatchingRoundSchema = z.object({
  roundId: z.string().max(100),
  pairs: optionalInput(
    z
      .array(z.object({ studentId: idSchema, jobPromiseId: idSchema }), msg('matching.validation.pairsExpected'))
      .max(ROUND_STUDENTS_MAX),
  ),
  note: optionalInput(noteSchema),
});
export type ConfirmMatchingRoundInput = z.infer<typeof confirmMatchingRoundSchema>;
