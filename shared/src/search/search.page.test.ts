import { AppError } from '../errors/errors.app-error';
import { compareSortKeys, decodeSortCursor, encodeSortCursor, sortedPage, type SortKey } from './search.page';

interface Item {
  id: string;
  km: number;
}
const items: Item[] = Array.from({ length: 7 }, (_, i) => ({ id: `id${i}`, km: [3, 3, 5, 8, 8, 8, 20][i] as number }));
const keyOf = (x: Item): SortKey => [x.km, x.id];
const ids = (page: { edges: { node: Item }[] }) => page.edges.map((e) => e.node.id);

describe('sortedPage', () => {
  it('pages forwards with first/after, never overlapping, to the end', () => {
    const p1 = sortedPage(items, keyOf, 'distance', { first: 3 }, 20);
    expect(ids(p1)).toEqual(['id0', 'id1', 'id2']);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(p1.totalCount).toBe(7);
    const p2 = sortedPage(items, keyOf, 'distance', { first: 3, after: p1.pageInfo.endCursor ?? '' }, 20);
    expect(ids(p2)).toEqual(['id3', 'id4', 'id5']);
    const p3 = sortedPage(items, keyOf, 'distance', { first: 3, after: p2.pageInfo.endCursor ?? '' }, 20);
    expect(ids(p3)).toEqual(['id6']);
    expect(p3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backwards with last/before to the very first item', () => {
    const end = sortedPage(items, keyOf, 'distance', { last: 3 }, 20);
    expect(ids(end)).toEqual(['id4', 'id5', 'id6']);
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = sortedPage(items, keyOf, 'distance', { last: 3, before: end.pageInfo.startCursor ?? '' }, 20);
    expect(ids(back)).toEqual(['id1', 'id2', 'id3']);
    const start = sortedPage(items, keyOf, 'distance', { last: 3, before: back.pageInfo.startCursor ?? '' }, 20);
    expect(ids(start)).toEqual(['id0']);
    expect(start.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('finds its place again after items were removed', () => {
    const p1 = sortedPage(items, keyOf, 'distance', { first: 2 }, 20);
    const fewer = items.filter((x) => x.id !== 'id1' && x.id !== 'id2');
    expect(ids(sortedPage(fewer, keyOf, 'distance', { first: 2, after: p1.pageInfo.endCursor ?? '' }, 20))).toEqual([
      'id3',
      'id4',
    ]);
  });

  it('refuses a cursor of another order or a forged one', () => {
    const cursor = encodeSortCursor('newest', [-5, 'id1']);
    expect(decodeSortCursor(cursor, 'newest')).toEqual([-5, 'id1']);
    expect(() => decodeSortCursor(cursor, 'distance')).toThrow(AppError);
    expect(() => sortedPage(items, keyOf, 'distance', { after: 'not-a-cursor' }, 20)).toThrow(AppError);
  });

  it('compares keys element by element', () => {
    expect(compareSortKeys([1, 'b'], [1, 'a'])).toBeGreaterThan(0);
    expect(compareSortKeys([-2, 'z'], [1, 'a'])).toBeLessThan(0);
    expect(compareSortKeys(['é', 'a'], ['é', 'a'])).toBe(0);
  });
});
