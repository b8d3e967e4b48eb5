import { SortedList } from './indexes.sorted-list';

describe('SortedList.walk', () => {
  const list = (n: number) => {
    const l = new SortedList<number>((a, b) => a - b);
    for (let i = 0; i < n; i++) l.insert(i * 2);
    return l;
  };

  it('walks forward from a bound and backward from a bound', () => {
    const l = list(3000);
    expect([...l.walk((x) => x < 10)].slice(0, 3)).toEqual([10, 12, 14]);
    expect([...l.walk((x) => x > 11, true)].slice(0, 3)).toEqual([10, 8, 6]);
    expect([...l.walk((x) => x > 1e9, true)].slice(0, 2)).toEqual([5998, 5996]);
    expect([...l.walk((x) => x > -1, true)]).toEqual([]);
  });

  it('neither skips nor repeats elements present throughout when the list changes between two steps', () => {
    for (const reverse of [false, true]) {
      const l = list(3000);
      const it = l.walk(() => false, reverse);
      const seen: number[] = [];
      for (let r = it.next(); !r.done; r = it.next()) {
        seen.push(r.value);
        if (seen.length % 100 === 0) {
          // Remove a block just behind and ahead of the walk (splitting/merging chunks), add odd numbers.
          for (let k = 0; k < 40; k++) l.remove(r.value + (reverse ? 2 : -2) * (k + 1));
          for (let k = 0; k < 40; k++) l.insert(r.value + (reverse ? -1 : 1) * (2 * k + 1));
        }
      }
      const evens = seen.filter((x) => x % 2 === 0);
      expect(new Set(evens).size).toBe(evens.length);
      expect(evens).toEqual([...evens].sort((a, b) => (reverse ? b - a : a - b)));
      expect(evens.length).toBe(3000);
    }
  });
});
