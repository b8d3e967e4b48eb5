import * as z from 'zod';
import { idSchema, messageSchema, optionalInput, reasonSchema } from '../common/common.schemas';
import { applicationStatusSchema } from './application.machine';

export const applyToJobPromiseSchema = z.object({
  jobPromiseId: idSchema,
  message: optionalInput(messageSchema),
});
export type ApplyToJobPromiseInput = z.infer<typeof applyToJobPromiseSchema>;

/** Shape only; whether the move is allowed (and the reason required) is assertMove's job. */
export const moveApplicationSchema = z.object({
  id: idSchema,
  to: applicationStatusSchema,
  reason: optionalInput(reasonSchema),
});
export type MoveApplicationInput = z.infer<typeof moveApplicationSchema>;
