import * as z from 'zod';
import type { GeoPoint } from '../common/common.geo';
import { optionalInput } from '../common/common.schemas';
import { msg } from '../messages/messages.zod';

/** Longest town name typed in a search box (the longest French commune name has 45 letters). */
export const TOWN_SEARCH_MAX_CHARS = 100;
export const TOWNS_FIRST_DEFAULT = 10;
export const TOWNS_FIRST_MAX = 50;

/** `towns(search, first)`: blank search answers an empty list (nothing typed yet), not an error. */
export const townSearchSchema = z.object({
  search: z
    .string(msg('validation.textExpected'))
    .trim()
    .max(TOWN_SEARCH_MAX_CHARS, msg('validation.maxChars', { max: TOWN_SEARCH_MAX_CHARS })),
  first: optionalInput(
    z
      .number(msg('validation.numberExpected'))
      .int(msg('validation.integerExpected'))
      .min(1, msg('validation.atLeast', { min: 1 }))
      .max(TOWNS_FIRST_MAX, msg('validation.atMost', { max: TOWNS_FIRST_MAX })),
  ),
});
export type TownSearchInput = z.input<typeof townSearchSchema>;

/** A French town of the gazetteer. */
export interface Town {
  name: string;
  /** INSEE département code: `01`…`95`, `2A`, `2B`. */
  departmentCode: string;
  departmentName: string;
  location: GeoPoint;
  /** Municipal population (INSEE), 0 when unknown. */
  population: number;
}
