import { badUserInput } from '../errors/errors.app-error';
import { renderMessage } from '../messages/messages.render';

// Relay pages (first/after forwards, last/before backwards) over a list already sorted in memory: the search sorts
// its candidates by relevance, distance, date or closing date, and pages must never overlap or skip whichever way
// the reader goes. A cursor is the sort key of its item (ending with the id, so keys are unique) and the order's
// name: it finds its place again even when items were added or removed meanwhile.

/** An item's sort key: compared element by element, ascending (negate numbers for a descending order). */
export type SortKey = readonly (number | string)[];

export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

export function encodeSortCursor(order: string, key: SortKey): string {
  return btoa(encodeURIComponent(JSON.stringify([order, ...key])))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function invalidCursor(path: string): never {
  const message = renderMessage('validation.cursorInvalid');
  throw badUserInput('validation.cursorInvalid', undefined, [{ path, message }]);
}

/** The key of a cursor made for `order` (a cursor of another order or a forged one: BAD_USER_INPUT). */
export function decodeSortCursor(cursor: string, order: string, path = 'after'): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))));
  } catch {
    invalidCursor(path);
  }
  if (!Array.isArray(parsed) || parsed[0] !== order || parsed.length < 2) invalidCursor(path);
  const key = parsed.slice(1) as unknown[];
  if (!key.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))) invalidCursor(path);
  return key as SortKey;
}

export interface PageArgs {
  first?: number | undefined;
  after?: string | undefined;
  last?: number | undefined;
  before?: string | undefined;
}

export interface SortedPage<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Items of the whole list (every page). */
  totalCount: number;
}

/**
 * One page of `sorted` (ascending by `keyOf`): after `after` and before `before`, then the first `first` or the
 * last `last` of that window (`first` = `defaultSize` when neither is given).
 */
export function sortedPage<T>(
  sorted: readonly T[],
  keyOf: (item: T) => SortKey,
  order: string,
  args: PageArgs,
  defaultSize: number,
): SortedPage<T> {
  const keys = sorted.map(keyOf);
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const after = decodeSortCursor(args.after, order, 'after');
    while (start < end && compareSortKeys(keys[start] as SortKey, after) <= 0) start += 1;
  }
  if (args.before) {
    const before = decodeSortCursor(args.before, order, 'before');
    while (end > start && compareSortKeys(keys[end - 1] as SortKey, before) >= 0) end -= 1;
  }
  if (args.last !== undefined && args.first === undefined) start = Math.max(start, end - args.last);
  else end = Math.min(end, start + (args.first ?? defaultSize));
  const edges = sorted.slice(start, end).map((node, i) => ({
    node,
    cursor: encodeSortCursor(order, keys[start + i] as SortKey),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: sorted.length,
  };
}
