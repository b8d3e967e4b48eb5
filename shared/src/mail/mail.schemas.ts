import { paginationSchema } from '../common/common.schemas';

/** `mailDeadLetters(first:)`: the most recent dead letters (federation admin). */
export const mailDeadLettersInputSchema = paginationSchema.pick({ first: true });
