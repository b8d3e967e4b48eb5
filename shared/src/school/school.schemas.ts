import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import { tradeSchema } from '../common/common.enums';
import { geoPointSchema } from '../common/common.geo';
import { citySchema, nameSchema } from '../common/common.schemas';

export const createSchoolSchema = z.object({
  name: nameSchema,
  city: citySchema,
  location: geoPointSchema,
  /** Trades taught; at least one, duplicates dropped. */
  trades: z
    .array(tradeSchema, msg('validation.tradesExpected'))
    .min(1, msg('validation.tradesMin'))
    .transform((ts) => [...new Set(ts)]),
});
export type CreateSchoolInput = z.infer<typeof createSchoolSchema>;
