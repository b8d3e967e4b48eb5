import * as z from 'zod';
import { idSchema, noteSchema, optionalInput } from '../common/common.schemas';

export const MATCHES_FIRST_DEFAULT = 20;
export const MATCHES_FIRST_MAX = 100;
export const ROUND_STUDENTS_MAX = 200;
export const ROUND_PROMISES_MAX = 1000;

const firstSchema = optionalInput(
  z
    .number('Nombre attendu')
    .int('Nombre entier attendu')
    .min(1, 'Au moins 1')
    .max(MATCHES_FIRST_MAX, `${MATCHES_FIRST_MAX} maximum`),
);

/** matchingJobPromises(first), matchingRounds(first). */
export const matchesQuerySchema = z.object({ first: firstSchema });

/** matchingGraduates(jobPromiseId, first): a malformed id is NOT_FOUND (looked up like an unknown one). */
export const graduateMatchesQuerySchema = z.object({ jobPromiseId: z.string(), first: firstSchema });

export const proposeMatchingRoundSchema = z.object({
  studentIds: z
    .array(idSchema, 'Liste d’élèves attendue')
    .min(1, 'Choisissez au moins un·e élève')
    .max(ROUND_STUDENTS_MAX, `${ROUND_STUDENTS_MAX} élèves maximum`)
    .refine((ids) => new Set(ids).size === ids.length, 'Élève présent deux fois dans la cohorte'),
  jobPromiseIds: optionalInput(
    z
      .array(idSchema, 'Liste de promesses attendue')
      .min(1, 'Choisissez au moins une promesse (ou aucune liste : toutes)')
      .max(ROUND_PROMISES_MAX, `${ROUND_PROMISES_MAX} promesses maximum`)
      .transform((ids) => [...new Set(ids)]),
  ),
  minScore: optionalInput(z.number('Nombre attendu').min(0, 'Entre 0 et 1').max(1, 'Entre 0 et 1')),
});
export type ProposeMatchingRoundInput = z.infer<typeof proposeMatchingRoundSchema>;

/** `roundId` is any string: a malformed one is NOT_FOUND. */
export const confirmMatchingRoundSchema = z.object({
  roundId: z.string(),
  pairs: optionalInput(
    z
      .array(z.object({ studentId: idSchema, jobPromiseId: idSchema }), 'Liste de paires attendue')
      .max(ROUND_STUDENTS_MAX),
  ),
  note: optionalInput(noteSchema),
});
export type ConfirmMatchingRoundInput = z.infer<typeof confirmMatchingRoundSchema>;
