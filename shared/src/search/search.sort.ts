import * as z from 'zod';
import { msg } from '../messages/messages.zod';
import type { SortKey } from './search.page';

/** Orders of the promise search: relevance (needs words), distance (needs a place), newest, closing date. */
export const SEARCH_SORTS = ['RELEVANCE', 'DISTANCE', 'NEWEST', 'CLOSING_DATE'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const searchSortSchema = z.enum(SEARCH_SORTS, msg('search.sortUnknown'));

export function isSearchSort(value: unknown): value is SearchSort {
  return (SEARCH_SORTS as readonly unknown[]).includes(value);
}

/** What the search knows of each matching promise to order it. */
export interface SearchCandidate {
  id: string;
  listedAt: Date;
  expiresAt: Date;
  /** Text relevance (0 without words). */
  textScore: number;
  /** Kilometres from the search's place (null without one). */
  distanceKm: number | null;
}

/**
 * The order applied: the one asked when it can apply, else relevance when words were typed, distance when a place
 * was given, newest otherwise (relevance without words, or distance without a place, means nothing).
 */
export function effectiveSearchSort(asked: SearchSort | undefined, hasText: boolean, hasPlace: boolean): SearchSort {
  if (asked === 'RELEVANCE' && hasText) return asked;
  if (asked === 'DISTANCE' && hasPlace) return asked;
  if (asked === 'NEWEST' || asked === 'CLOSING_DATE') return asked;
  return hasText ? 'RELEVANCE' : hasPlace ? 'DISTANCE' : 'NEWEST';
}

/** Ascending sort key of a candidate in `sort` (ties: newest first, then id, so pages never overlap). */
export function searchSortKey(sort: SearchSort, c: SearchCandidate): SortKey {
  const newest = -c.listedAt.getTime();
  switch (sort) {
    case 'RELEVANCE':
      return [-c.textScore, newest, c.id];
    case 'DISTANCE':
      return [c.distanceKm ?? Number.MAX_SAFE_INTEGER, newest, c.id];
    case 'CLOSING_DATE':
      return [c.expiresAt.getTime(), newest, c.id];
    case 'NEWEST':
      return [newest, c.id];
  }
}
