import { startDbCommandBench, type DbCommandBench } from '../bench/db-commands';

// Behaviour, not timing: thanks to DataLoader batching, the database commands of a `jobPromises` page with company,
// schools and applicationCount do not grow with the page size (the benchmark prints the same figures).

jest.setTimeout(60_000);

describe('jobPromises database round trips', () => {
  let bench: DbCommandBench;
  beforeAll(async () => {
    bench = await startDbCommandBench({ promises: 60 });
  });
  afterAll(async () => {
    await bench?.close();
  });

  it.each(['admin', 'student'] as const)(
    'as %s: first 10 and first 50 cost the same number of commands, at most 5',
    async (who) => {
      const ten = await bench.measure(10, who);
      const fifty = await bench.measure(50, who);
      expect(ten.returned).toBe(10);
      expect(fifty.returned).toBe(50);
      expect(fifty.commands).toBe(ten.commands);
      expect(fifty.commands).toBeLessThanOrEqual(5);
      expect(fifty.detail).toEqual(ten.detail);
    },
  );
});
