import {
  AppError,
  findBlockingPairs,
  scoresFromTable,
  stableMatching,
  validateMatching,
  type MatchingReceiver,
  type PairScore,
} from '..';

/** Small seeded PRNG (mulberry32) so random instances are reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Instance {
  proposers: string[];
  receivers: MatchingReceiver[];
  scores: PairScore;
  receiverScores?: PairScore;
}

function randomInstance(seed: number, maxP = 12, maxR = 8, separateReceiverScores = false): Instance {
  const rand = rng(seed);
  const nP = 1 + Math.floor(rand() * maxP);
  const nR = 1 + Math.floor(rand() * maxR);
  const proposers = Array.from({ length: nP }, (_, i) => `g${String(i).padStart(2, '0')}`);
  const receivers = Array.from({ length: nR }, (_, i) => ({
    id: `p${String(i).padStart(2, '0')}`,
    capacity: Math.floor(rand() * 4),
  }));
  const table: Record<string, Record<string, number>> = {};
  const rTable: Record<string, Record<string, number>> = {};
  for (const p of proposers) {
    table[p] = {};
    rTable[p] = {};
    for (const r of receivers) {
      if (rand() < 0.2) continue; // unacceptable pair
      // Coarse scores make ties frequent, which exercises the tie-breaking.
      table[p]![r.id] = Math.floor(rand() * 6) / 5;
      rTable[p]![r.id] = Math.floor(rand() * 6) / 5;
    }
  }
  return {
    proposers,
    receivers,
    scores: scoresFromTable(table),
    receiverScores: separateReceiverScores ? scoresFromTable(rTable) : undefined,
  };
}

function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every matching (each proposer to one receiver or none) respecting capacities and acceptability. */
function allMatchings(inst: Instance): { proposerId: string; receiverId: string }[][] {
  const out: { proposerId: string; receiverId: string }[][] = [];
  const rs = inst.receiverScores ?? inst.scores;
  const go = (i: number, acc: { proposerId: string; receiverId: string }[], load: Map<string, number>) => {
    if (i === inst.proposers.length) {
      out.push([...acc]);
      return;
    }
    const p = inst.proposers[i]!;
    go(i + 1, acc, load);
    for (const r of inst.receivers) {
      if (typeof inst.scores(p, r.id) !== 'number' || typeof rs(p, r.id) !== 'number') continue;
      if ((load.get(r.id) ?? 0) >= r.capacity) continue;
      load.set(r.id, (load.get(r.id) ?? 0) + 1);
      acc.push({ proposerId: p, receiverId: r.id });
      go(i + 1, acc, load);
      acc.pop();
      load.set(r.id, load.get(r.id)! - 1);
    }
  };
  go(0, [], new Map());
  return out;
}

describe('stableMatching', () => {
  it('solves a hand-built case', () => {
    // Both graduates prefer promise A (one place); A prefers g2 (higher score); g1 falls back to B.
    const scores = scoresFromTable({ g1: { A: 0.8, B: 0.6 }, g2: { A: 0.9, B: 0.5 }, g3: { B: 0.4 } });
    const res = stableMatching(
      ['g1', 'g2', 'g3'],
      [
        { id: 'A', capacity: 1 },
        { id: 'B', capacity: 1 },
      ],
      scores,
    );
    expect(res.pairs).toEqual([
      { proposerId: 'g1', receiverId: 'B', score: 0.6 },
      { proposerId: 'g2', receiverId: 'A', score: 0.9 },
    ]);
    expect(res.unmatched).toEqual(['g3']);
  });

  it('fills capacities and respects minScore', () => {
    const scores = scoresFromTable({ g1: { A: 0.9 }, g2: { A: 0.8 }, g3: { A: 0.2 } });
    const all = stableMatching(['g1', 'g2', 'g3'], [{ id: 'A', capacity: 3 }], scores);
    expect(all.pairs.map((p) => p.proposerId)).toEqual(['g1', 'g2', 'g3']);
    const some = stableMatching(['g1', 'g2', 'g3'], [{ id: 'A', capacity: 3 }], scores, { minScore: 0.5 });
    expect(some.pairs.map((p) => p.proposerId)).toEqual(['g1', 'g2']);
    expect(some.unmatched).toEqual(['g3']);
    expect(stableMatching(['g1'], [{ id: 'A', capacity: 0 }], scores).pairs).toEqual([]);
  });

  it('breaks ties by id on both sides', () => {
    const scores: PairScore = () => 0.5;
    const res = stableMatching(
      ['g2', 'g1'],
      [
        { id: 'B', capacity: 1 },
        { id: 'A', capacity: 1 },
      ],
      scores,
    );
    expect(res.pairs).toEqual([
      { proposerId: 'g1', receiverId: 'A', score: 0.5 },
      { proposerId: 'g2', receiverId: 'B', score: 0.5 },
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(() => stableMatching(['g1', 'g1'], [], () => 1)).toThrow(AppError);
    expect(() =>
      stableMatching(
        ['g1'],
        [
          { id: 'A', capacity: 1 },
          { id: 'A', capacity: 1 },
        ],
        () => 1,
      ),
    ).toThrow(AppError);
  });

  it('has no blocking pair, respects capacities and is deterministic on 200 random instances', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const inst = randomInstance(seed, 12, 8, seed % 2 === 0);
      const opts = { receiverScores: inst.receiverScores };
      const res = stableMatching(inst.proposers, inst.receivers, inst.scores, opts);
      expect(validateMatching(inst.proposers, inst.receivers, inst.scores, res.pairs, opts)).toEqual([]);
      expect(findBlockingPairs(inst.proposers, inst.receivers, inst.scores, res.pairs, opts)).toEqual([]);
      expect(res.pairs.length + res.unmatched.length).toBe(inst.proposers.length);
      for (const r of inst.receivers) {
        expect(res.pairs.filter((p) => p.receiverId === r.id).length).toBeLessThanOrEqual(r.capacity);
      }
      // Same result whatever the input order.
      const rand = rng(seed * 7919);
      const again = stableMatching(shuffle(inst.proposers, rand), shuffle(inst.receivers, rand), inst.scores, opts);
      expect(again).toEqual(res);
    }
  });

  it('is stable and graduate-optimal among all stable matchings of small instances (exhaustive)', () => {
    for (let seed = 1001; seed <= 1200; seed++) {
      const inst = randomInstance(seed, 5, 3, seed % 2 === 0);
      const opts = { receiverScores: inst.receiverScores };
      const res = stableMatching(inst.proposers, inst.receivers, inst.scores, opts);
      const rank = (p: string, r: string | undefined) =>
        r === undefined ? ([-1, ''] as const) : ([inst.scores(p, r) as number, r] as const);
      const better = (p: string, r1: string | undefined, r2: string | undefined) => {
        // true when p strictly prefers r1 to r2 (same tie-break as the algorithm: score desc, id asc)
        if (r1 === r2) return false;
        if (r2 === undefined) return true;
        if (r1 === undefined) return false;
        const [s1] = rank(p, r1);
        const [s2] = rank(p, r2);
        return s1 !== s2 ? s1 > s2 : r1 < r2;
      };
      const mine = new Map(res.pairs.map((m) => [m.proposerId, m.receiverId]));
      let stableCount = 0;
      for (const m of allMatchings(inst)) {
        if (findBlockingPairs(inst.proposers, inst.receivers, inst.scores, m, opts).length > 0) continue;
        stableCount++;
        const theirs = new Map(m.map((x) => [x.proposerId, x.receiverId]));
        for (const p of inst.proposers) expect(better(p, theirs.get(p), mine.get(p))).toBe(false);
      }
      expect(stableCount).toBeGreaterThan(0);
    }
  });

  it('findBlockingPairs and validateMatching detect bad matchings', () => {
    const scores = scoresFromTable({ g1: { A: 0.9, B: 0.1 }, g2: { A: 0.5, B: 0.5 } });
    const receivers = [
      { id: 'A', capacity: 1 },
      { id: 'B', capacity: 1 },
    ];
    // g1 and A prefer each other to their partners.
    expect(
      findBlockingPairs(['g1', 'g2'], receivers, scores, [
        { proposerId: 'g1', receiverId: 'B' },
        { proposerId: 'g2', receiverId: 'A' },
      ]),
    ).toEqual([{ proposerId: 'g1', receiverId: 'A' }]);
    // Empty matching: everyone blocks.
    expect(findBlockingPairs(['g1', 'g2'], receivers, scores, []).length).toBe(4);
    expect(
      validateMatching(['g1', 'g2'], [{ id: 'A', capacity: 1 }], scores, [
        { proposerId: 'g1', receiverId: 'A' },
        { proposerId: 'g2', receiverId: 'A' },
        { proposerId: 'g1', receiverId: 'Z' },
      ]),
    ).toEqual([
      'unknown receiver Z',
      'proposer g1 matched twice',
      'unacceptable pair g1-Z',
      'receiver A over capacity (2)',
    ]);
  });

  it('handles a 60 x 500 round quickly enough to be interactive', () => {
    const rand = rng(42);
    const proposers = Array.from({ length: 60 }, (_, i) => `g${i}`);
    const receivers = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, capacity: 1 + Math.floor(rand() * 3) }));
    const table: Record<string, Record<string, number>> = {};
    for (const p of proposers) {
      table[p] = {};
      for (const r of receivers) table[p]![r.id] = Math.round(rand() * 1000) / 1000;
    }
    const scores = scoresFromTable(table);
    const res = stableMatching(proposers, receivers, scores);
    expect(findBlockingPairs(proposers, receivers, scores, res.pairs)).toEqual([]);
    expect(res.pairs).toHaveLength(60);
  });
});
