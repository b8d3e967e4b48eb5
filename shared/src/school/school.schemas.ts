import * as z from 'zod';
import { tradeSchema } from '../common/common.enums';
import { geoPointSchema } from '../common/common.geo';
import { citySchema, nameSchema } from '../common/common.schemas';

export const createSchoolSchema = z.object({
  name: nameSchema,
  city: citySchema,
  location: geoPointSchema,
  /** Trades taught; at least one, duplicates dropped. */
  trades: z
    .array(tradeSchema, 'Liste de métiers attendue')
    .min(1, 'Au moins un métier')
    .transform((ts) => [...new Set(ts)]),
});
export type CreateSchoolInput = z.infer<typeof createSchoolSchema>;
