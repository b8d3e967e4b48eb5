import { badUserInput } from '../errors/errors.app-error';

/** A promise (or any receiver) with the number of proposers it can take. */
export interface MatchingReceiver {
  id: string;
  capacity: number;
}

/**
 * Score of a pair; `null`, `undefined` or NaN mean "unacceptable" (the pair is never matched).
 * Higher is preferred.
 */
export type PairScore = (proposerId: string, receiverId: string) => number | null | undefined;

export interface StableMatchingOptions {
  /** Pairs scoring below this are unacceptable to both sides. Default: every finite score is acceptable. */
  minScore?: number;
  /** Receivers' own scores of proposers, when they differ from the proposers' (default: the same scores). */
  receiverScores?: PairScore;
}

export interface MatchedPair {
  proposerId: string;
  receiverId: string;
  score: number;
}

export interface StableMatchingResult {
  /** Sorted by proposer id. */
  pairs: MatchedPair[];
  /** Proposers left without a receiver, sorted by id. */
  unmatched: string[];
}

/** Builds a PairScore from `{ [proposerId]: { [receiverId]: score } }`. */
export function scoresFromTable(table: Readonly<Record<string, Readonly<Record<string, number>>>>): PairScore {
  return (p, r) => table[p]?.[r];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function acceptable(score: number | null | undefined, minScore: number | undefined): score is number {
  return typeof score === 'number' && Number.isFinite(score) && (minScore === undefined || score >= minScore);
}

/** Strict preference: higher score first, then smaller id. Returns true when (s1, id1) is preferred to (s2, id2). */
function prefers(s1: number, id1: string, s2: number, id2: string): boolean {
  return s1 !== s2 ? s1 > s2 : id1 < id2;
}

function checkIds(proposers: readonly string[], receivers: readonly MatchingReceiver[]): void {
  if (new Set(proposers).size !== proposers.length) {
    throw badUserInput('matching.duplicateStudent');
  }
  if (new Set(receivers.map((r) => r.id)).size !== receivers.length) {
    throw badUserInput('matching.duplicatePromise');
  }
}

const capacityOf = (r: MatchingReceiver) => (Number.isFinite(r.capacity) ? Math.max(0, Math.floor(r.capacity)) : 0);

/**
 * Proposer-optimal stable matching (Gale-Shapley deferred acceptance, many-to-one): graduates propose to promises
 * in order of score; a promise holds its best `capacity` proposals and releases the others, who propose further.
 * Ties are broken by id (ascending) on both sides, so preferences are strict and the result does not depend on
 * input order. The result has no blocking pair: no graduate and promise both prefer each other to what they got.
 * O(P·R·log R) for P proposers and R receivers.
 */
export function stableMatching(
  proposers: readonly string[],
  receivers: readonly MatchingReceiver[],
  scores: PairScore,
  options: StableMatchingOptions = {},
): StableMatchingResult {
  checkIds(proposers, receivers);
  const { minScore } = options;
  const receiverScores = options.receiverScores ?? scores;

  // Each proposer's acceptable receivers, best first.
  const prefs = new Map<string, { id: string; score: number }[]>();
  for (const p of proposers) {
    const list: { id: string; score: number }[] = [];
    for (const r of receivers) {
      if (capacityOf(r) === 0) continue;
      const s = scores(p, r.id);
      if (!acceptable(s, minScore) || !acceptable(receiverScores(p, r.id), minScore)) continue;
      list.push({ id: r.id, score: s });
    }
    list.sort((a, b) => (a.score !== b.score ? b.score - a.score : byId(a.id, b.id)));
    prefs.set(p, list);
  }

  const capacity = new Map(receivers.map((r) => [r.id, capacityOf(r)]));
  const held = new Map<string, { id: string; rScore: number }[]>(receivers.map((r) => [r.id, []]));
  const next = new Map<string, number>(proposers.map((p) => [p, 0]));
  const free = [...proposers].sort(byId).reverse(); // a stack; the order does not change the result

  while (free.length > 0) {
    const p = free.pop()!;
    const list = prefs.get(p)!;
    const i = next.get(p)!;
    if (i >= list.length) continue; // exhausted: stays unmatched
    next.set(p, i + 1);
    const r = list[i]!.id;
    const rScore = receiverScores(p, r) as number;
    const h = held.get(r)!;
    if (h.length < capacity.get(r)!) {
      h.push({ id: p, rScore });
      continue;
    }
    // Full: find the receiver's least preferred held proposer.
    let worst = 0;
    for (let k = 1; k < h.length; k++) {
      const w = h[worst]!;
      const c = h[k]!;
      if (prefers(w.rScore, w.id, c.rScore, c.id)) worst = k;
    }
    const w = h[worst]!;
    if (prefers(rScore, p, w.rScore, w.id)) {
      h[worst] = { id: p, rScore };
      free.push(w.id);
    } else {
      free.push(p);
    }
  }

  const pairs: MatchedPair[] = [];
  const matched = new Set<string>();
  for (const [r, h] of held) {
    for (const { id } of h) {
      pairs.push({ proposerId: id, receiverId: r, score: scores(id, r) as number });
      matched.add(id);
    }
  }
  pairs.sort((a, b) => byId(a.proposerId, b.proposerId));
  return { pairs, unmatched: proposers.filter((p) => !matched.has(p)).sort(byId) };
}

/**
 * Every (proposer, receiver) pair that blocks `pairs`, by brute force (for tests and audits): both find each
 * other acceptable, are not matched together, the proposer prefers the receiver to its partner (or has none),
 * and the receiver has a free place or prefers the proposer to one it holds. Same tie-breaking as stableMatching.
 */
export function findBlockingPairs(
  proposers: readonly string[],
  receivers: readonly MatchingReceiver[],
  scores: PairScore,
  pairs: readonly { proposerId: string; receiverId: string }[],
  options: StableMatchingOptions = {},
): { proposerId: string; receiverId: string }[] {
  const { minScore } = options;
  const receiverScores = options.receiverScores ?? scores;
  const partner = new Map(pairs.map((m) => [m.proposerId, m.receiverId]));
  const blocking: { proposerId: string; receiverId: string }[] = [];
  for (const p of proposers) {
    const current = partner.get(p);
    for (const r of receivers) {
      if (r.id === current) continue;
      const s = scores(p, r.id);
      const rs = receiverScores(p, r.id);
      if (!acceptable(s, minScore) || !acceptable(rs, minScore) || capacityOf(r) === 0) continue;
      if (current !== undefined && !prefers(s, r.id, scores(p, current) as number, current)) continue;
      const holders = pairs.filter((m) => m.receiverId === r.id).map((m) => m.proposerId);
      const wants =
        holders.length < capacityOf(r) || holders.some((q) => prefers(rs, p, receiverScores(q, r.id) as number, q));
      if (wants) blocking.push({ proposerId: p, receiverId: r.id });
    }
  }
  return blocking;
}

/** Problems of a matching other than blocking pairs: unknown ids, a proposer twice, over capacity, unacceptable pairs. */
export function validateMatching(
  proposers: readonly string[],
  receivers: readonly MatchingReceiver[],
  scores: PairScore,
  pairs: readonly { proposerId: string; receiverId: string }[],
  options: StableMatchingOptions = {},
): string[] {
  const problems: string[] = [];
  const known = new Set(proposers);
  const caps = new Map(receivers.map((r) => [r.id, capacityOf(r)]));
  const seen = new Set<string>();
  const load = new Map<string, number>();
  const receiverScores = options.receiverScores ?? scores;
  for (const { proposerId: p, receiverId: r } of pairs) {
    if (!known.has(p)) problems.push(`unknown proposer ${p}`);
    if (!caps.has(r)) problems.push(`unknown receiver ${r}`);
    if (seen.has(p)) problems.push(`proposer ${p} matched twice`);
    seen.add(p);
    load.set(r, (load.get(r) ?? 0) + 1);
    if (!acceptable(scores(p, r), options.minScore) || !acceptable(receiverScores(p, r), options.minScore))
      problems.push(`unacceptable pair ${p}-${r}`);
  }
  for (const [r, n] of load) if (caps.has(r) && n > caps.get(r)!) problems.push(`receiver ${r} over capacity (${n})`);
  return problems;
}
