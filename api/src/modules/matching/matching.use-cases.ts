import { Types } from 'mongoose';
import {
  badUserInput,
  byIdInputSchema,
  confirmMatchingRoundSchema,
  conflict,
  distanceBandBetween,
  distanceKm as roundedDistanceKm,
  forbidden,
  fromGeoJsonPoint,
  graduateMatchesQuerySchema,
  isAppError,
  MATCHES_FIRST_DEFAULT,
  matchesQuerySchema,
  MATCHING_WEIGHTS,
  notFound,
  proposeMatchingRoundSchema,
  rankMatches,
  relatedTrades,
  RELATED_TRADE_COMPONENT,
  renderMessage,
  scoreMatchCoded,
  stableMatching,
  tradesOfFamily,
  type CodedMatchScore,
  type DistanceBand,
  type GeoPoint,
  type MatchContext,
  type MatchReason,
  type MessageKey,
  type ScoreOptions,
  type Trade,
} from '@promesse/shared';
import { isAdmin, isRecruiter, isStaff, isStudent, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError, sameId, validObjectIds } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { appliedPairs } from '../application/application.queries';
import type { JobPromiseRow } from '../job-promise/job-promise.model';
import { isOpenNow, targetsSchool } from '../job-promise/job-promise.policy';
import {
  findJobPromise,
  jobPromisesByIds,
  jobPromiseRowsByIds,
  openPromiseCandidates,
  promiseCandidatesByIds,
  type PromiseCandidate,
} from '../job-promise/job-promise.queries';
import {
  insertRecommendations,
  pendingPairs,
  type RecommendationDraft,
} from '../recommendation/recommendation.queries';
import { schoolNames } from '../school/school.queries';
import type { StudentDoc } from '../student/student.model';
import {
  graduateCandidates,
  studentCandidateOfUser,
  studentCandidatesByIds,
  findStudents,
  knownCompanyStudentPairs,
  type StudentCandidate,
} from '../student/student.queries';
import { graduateWindow, loadSchoolHistory } from './matching.candidates';
import { matchingRoundModel, type MatchingRoundDoc } from './matching.model';
import { canSeeMatchingRound, graduateMatchScope } from './matching.policy';
import { reserveGraduateMatching } from './matching.throttle';

export type MatchComponents = CodedMatchScore['components'];

export interface JobPromiseMatchResult {
  jobPromise: JobPromiseRow;
  score: number;
  /** Codes: rendered in the reader's language by the GraphQL layer. */
  reasons: MatchReason[];
  components: MatchComponents;
  distanceKm: number | null;
  outOfRadius: boolean;
}

export interface GraduateMatchResult {
  student: StudentDoc;
  score: number;
  reasons: MatchReason[];
  components: MatchComponents;
  outOfRadius: boolean;
  /** The band containing the distance (null: a place is unknown). */
  distanceBand: DistanceBand | null;
  /** Whole kilometres between the student's town and the promise; null for companies (they get the band only). */
  distanceKm: number | null;
}

/**
 * The best score a candidate of a related trade (same ROME family, not the same trade) can reach: every other
 * component at 1, the trade one at RELATED_TRADE_COMPONENT. Rounded like scoreMatch rounds scores.
 */
export const RELATED_TRADE_MAX_SCORE =
  Math.round(
    (Object.entries(MATCHING_WEIGHTS) as [keyof typeof MATCHING_WEIGHTS, number][]).reduce(
      (sum, [c, w]) => sum + w * (c === 'trade' ? RELATED_TRADE_COMPONENT : 1),
      0,
    ) * 10_000,
  ) / 10_000;

const SCORE_ONLY: ScoreOptions = { reasons: false };
const asStudent = (s: StudentCandidate) => ({ ...s, id: String(s._id) });
const asPromise = (p: PromiseCandidate) => ({ ...p, id: String(p._id) });

/**
 * The `first` best candidates, read trade by trade: same-trade candidates first; related-trade ones only when
 * fewer than `first` same-trade candidates score strictly above RELATED_TRADE_MAX_SCORE (otherwise none of them
 * could enter the list, ties included, since a tie is decided by distance then id). Exact, and on a large school
 * it saves reading most of the family's candidates. Candidates are scored without reasons; the `first` kept are
 * scored again with them.
 */
async function bestByTradeTier<C extends { _id: unknown }>(
  trade: Trade,
  first: number,
  load: (trades: Trade[]) => Promise<C[]>,
  score: (candidate: C, options: ScoreOptions) => CodedMatchScore,
): Promise<{ candidate: C; match: CodedMatchScore }[]> {
  const rank = (candidates: C[]) =>
    candidates.map((candidate) => {
      const m = score(candidate, SCORE_ONLY);
      return { candidate, id: String(candidate._id), score: m.score, distanceKm: m.distanceKm };
    });
  let ranked = rankMatches(rank(await load([trade])));
  const related = relatedTrades(trade);
  const kth = ranked[first - 1];
  if (related.length > 0 && !(kth && kth.score > RELATED_TRADE_MAX_SCORE)) {
    ranked = rankMatches([...ranked, ...rank(await load(related))]);
  }
  return ranked.slice(0, first).map(({ candidate }) => ({ candidate, match: score(candidate, {}) }));
}

/**
 * matchingJobPromises: the OPEN promises targeting the student's school whose trade is the student's or a related
 * one (same ROME family), best first (compareMatches: score, then distance, then id). Unrelated trades are not
 * candidates; out-of-radius promises stay, with their score halved (OUT_OF_RADIUS_FACTOR). A profile without a
 * trade has no match.
 */
export const matchJobPromisesForStudent = defineUseCase({
  name: 'matchJobPromisesForStudent',
  input: matchesQuerySchema,
  access: ['STUDENT'],
  run: async (input, { actor, deps }): Promise<JobPromiseMatchResult[]> => {
    if (!isStudent(actor)) throw forbidden('matching.studentsOnly');
    const now = deps.clock.now();
    const first = input.first ?? MATCHES_FIRST_DEFAULT;
    // The school's track record is read while the profile is (the actor's school is the student's).
    const early = actor.schoolId ? loadSchoolHistory(deps, { schoolIds: [actor.schoolId] }) : null;
    early?.catch(() => undefined);
    const student = await studentCandidateOfUser(deps, actor.userId);
    if (!student) throw notFound('Student');
    const trade = student.trade;
    if (!trade) return [];
    const history =
      early && sameId(actor.schoolId, student.schoolId)
        ? await early
        : await loadSchoolHistory(deps, { schoolIds: [student.schoolId] });
    const me = asStudent(student);
    const contexts = new Map<string, MatchContext>();
    const contextOf = (companyId: Types.ObjectId): MatchContext => {
      const key = String(companyId);
      let context = contexts.get(key);
      if (!context) contexts.set(key, (context = { ...history(companyId, student.schoolId), audience: 'STUDENT' }));
      return context;
    };
    const ranked = await bestByTradeTier(
      trade,
      first,
      (trades) => openPromiseCandidates(deps, { schoolId: student.schoolId, trades, now }),
      (p, options) => scoreMatchCoded(me, asPromise(p), contextOf(p.companyId), options),
    );
    // Candidates carry the scoring fields only: the kept ones are read whole, in one query.
    const full = new Map(
      (
        await jobPromiseRowsByIds(
          deps,
          ranked.map(({ candidate }) => String(candidate._id)),
        )
      ).map((jp) => [String(jp._id), jp]),
    );
    return ranked.flatMap(({ candidate, match }) => {
      const jobPromise = full.get(String(candidate._id));
      return jobPromise
        ? [
            {
              jobPromise,
              score: match.score,
              reasons: match.reasons,
              components: match.components,
              // The same whole kilometres as the reasons, the search and the staff show for this pair.
              distanceKm: match.distanceKm === null ? null : Math.round(match.distanceKm),
              outOfRadius: match.outOfRadius,
            },
          ]
        : [];
    });
  },
});

/** A stored point as { lat, lng } (null when malformed). */
function pointOf(location: { coordinates: number[] } | null | undefined): GeoPoint | null {
  const [lng, lat] = location?.coordinates ?? [];
  return lng === undefined || lat === undefined ? null : { lat, lng };
}

/** The band of distance between a student's town and a promise, or null when a place is unknown. */
function bandOf(student: StudentCandidate, promise: { location: GeoPoint | null }): DistanceBand | null {
  if (!student.location || !promise.location) return null;
  return distanceBandBetween(fromGeoJsonPoint(student.location), promise.location);
}

function kmOf(student: StudentCandidate, promise: { location: GeoPoint | null }): number | null {
  if (!student.location || !promise.location) return null;
  return roundedDistanceKm(fromGeoJsonPoint(student.location), promise.location);
}

/**
 * matchingGraduates: graduates (graduateWindow) of the schools the promise targets — staff: their own school only —
 * whose trade is the promise's or a related one, best first. See graduateMatchScope for who may ask.
 */
export const matchGraduatesForPromise = defineUseCase({
  name: 'matchGraduatesForPromise',
  input: graduateMatchesQuerySchema,
  access: ['COMPANY_RECRUITER', 'SCHOOL_STAFF', 'FEDERATION_ADMIN'],
  run: async (input, { actor, deps }): Promise<GraduateMatchResult[]> => {
    const now = deps.clock.now();
    const first = input.first ?? MATCHES_FIRST_DEFAULT;
    const jp = await findJobPromise(deps, input.jobPromiseId);
    const scope = graduateMatchScope(actor, jp);
    if (!scope) throw forbidden('matching.graduatesPartiesOnly');
    // A draft's place can still move: bisecting a graduate's town from a moving point is refused (issue 13).
    if (jp.status === 'DRAFT') {
      throw conflict('place.matchingOnDraft', undefined, { entity: 'JobPromise', id: String(jp._id) });
    }
    if (scope.coarseDistances) {
      await reserveGraduateMatching(deps, {
        userId: actor.userId,
        companyId: String(jp.companyId),
        jobPromiseId: String(jp._id),
      });
    }
    const historyP = loadSchoolHistory(deps, { companyIds: [jp.companyId], schoolIds: scope.schoolIds });
    historyP.catch(() => undefined);
    let history: Awaited<typeof historyP> | null = null;
    const promise = {
      id: String(jp._id),
      trade: jp.trade,
      diplomaLevel: jp.diplomaLevel ?? null,
      location: pointOf(jp.location),
      startDate: jp.startDate,
      skills: jp.skills,
    };
    const contexts = new Map<string, MatchContext>();
    const contextOf = (schoolId: Types.ObjectId): MatchContext => {
      const key = String(schoolId);
      let context = contexts.get(key);
      if (!context) {
        const track = history ? history(jp.companyId, schoolId) : { partnershipApproved: false, pastHires: 0 };
        contexts.set(key, (context = { ...track, audience: 'COMPANY' }));
      }
      return context;
    };
    // Companies learn a band of distance only for students who applied to them or were recommended to them
    // (who chose to show their town); for the others, distance plays no part at all: no band, score or order
    // tells anything of where they live (issue 13).
    const knownKey = (s: StudentCandidate) => `${String(jp.companyId)}:${String(s._id)}`;
    const known = new Set<string>();
    const ranked = await bestByTradeTier(
      promise.trade,
      first,
      async (trades) => {
        const [candidates, h] = await Promise.all([
          graduateCandidates(deps, {
            schoolIds: scope.schoolIds,
            trades,
            graduationDate: graduateWindow(now),
            // Students who chose to stay out of the companies' matching (issue 18); staff and the admin see them.
            excludeHidden: isRecruiter(actor),
          }),
          historyP,
        ]);
        history = h;
        if (scope.coarseDistances && candidates.length) {
          for (const key of await knownCompanyStudentPairs(deps, candidates.map(knownKey))) known.add(key);
        }
        return candidates;
      },
      (s, options) => {
        const base = contextOf(s.schoolId);
        if (!scope.coarseDistances) {
          return scoreMatchCoded(asStudent(s), promise, { ...base, distanceKm: kmOf(s, promise) }, options);
        }
        if (!known.has(knownKey(s))) {
          const match = scoreMatchCoded(asStudent({ ...s, location: null }), promise, base, options);
          return {
            ...match,
            reasons: match.reasons.map((r) =>
              r.key === 'matching.reason.distanceUnknown' ? { ...r, key: 'place.reason.distanceHidden' as const } : r,
            ),
          };
        }
        // Companies: the band only (scores, order and flags from the band alone).
        return scoreMatchCoded(asStudent(s), promise, { ...base, distanceBand: bandOf(s, promise) }, options);
      },
    );
    // Candidates carry the scoring fields only: the kept ones are read whole, in one query.
    const full = new Map(
      (
        await findStudents(
          deps,
          ranked.map(({ candidate }) => candidate._id),
        )
      ).map((s) => [String(s._id), s]),
    );
    return ranked.flatMap(({ candidate, match }) => {
      const student = full.get(String(candidate._id));
      return student
        ? [
            {
              student,
              score: match.score,
              reasons: match.reasons,
              components: match.components,
              outOfRadius: match.outOfRadius,
              distanceBand:
                !scope.coarseDistances || known.has(knownKey(candidate)) ? bandOf(candidate, promise) : null,
              distanceKm: scope.coarseDistances ? null : kmOf(candidate, promise),
            },
          ]
        : [];
    });
  },
});

// ---------- school-mediated matching round ----------

function schoolOf(actor: Actor): string {
  if (!isStaff(actor)) throw forbidden('matching.staffOnly');
  return actor.schoolId;
}

/**
 * Staff propose a round: their cohort (students of their school) against the OPEN promises targeting the school
 * (all those of the cohort's trade families, or the given selection). Graduate-proposing deferred acceptance
 * (shared stableMatching): capacity of a promise = open positions (positions - hiredCount); both sides prefer
 * higher scores (scoreMatch); pairs of unrelated trades, below `minScore`, or where the student already applied
 * or has a pending recommendation are not acceptable. The proposal is stored (PROPOSED); nothing is sent.
 */
export const proposeMatchingRound = defineUseCase({
  name: 'proposeMatchingRound',
  input: proposeMatchingRoundSchema,
  access: ['SCHOOL_STAFF'],
  run: async (args, { actor, deps }): Promise<MatchingRoundDoc> => {
    const schoolId = schoolOf(actor);
    const now = deps.clock.now();
    const studentIds = args.studentIds.map((id) => new Types.ObjectId(id));
    const students = await studentCandidatesByIds(deps, studentIds);
    const found = new Map(students.map((s) => [String(s._id), s]));
    const missing = args.studentIds.find((id) => !found.has(id));
    if (missing) throw notFound('Student', missing);
    if (students.some((s) => !sameId(s.schoolId, schoolId))) throw forbidden('matching.cohortOwnSchoolOnly');
    const trades = [...new Set(students.flatMap((s) => (s.trade ? tradesOfFamily(s.trade) : [])))];

    let promises: PromiseCandidate[];
    if (args.jobPromiseIds) {
      const docs = await promiseCandidatesByIds(
        deps,
        args.jobPromiseIds.map((id) => new Types.ObjectId(id)),
      );
      const byId = new Map(docs.map((d) => [String(d._id), d]));
      const unknown = args.jobPromiseIds.find((id) => !byId.has(id));
      if (unknown) throw notFound('JobPromise', unknown);
      if (docs.some((d) => !targetsSchool(d, schoolId))) throw forbidden('matching.promiseNotForYourSchool');
      const closed = docs.find((d) => !isOpenNow(d, now));
      if (closed) {
        throw conflict('matching.promiseNotOpen', undefined, { entity: 'JobPromise', id: String(closed._id) });
      }
      promises = docs;
    } else {
      promises = await openPromiseCandidates(deps, { schoolId, trades, now });
    }

    // Pairs already in motion are not proposed again.
    const [applied, pending, history] = await Promise.all([
      appliedPairs(deps, studentIds),
      pendingPairs(deps, { studentIds }),
      loadSchoolHistory(deps, { companyIds: promises.map((p) => p.companyId), schoolIds: [schoolId] }),
    ]);
    const taken = (key: string) => applied.has(key) || pending.has(key);

    const byTrade = new Map<string, ReturnType<typeof asPromise>[]>();
    for (const p of promises) byTrade.set(p.trade, [...(byTrade.get(p.trade) ?? []), asPromise(p)]);
    const promiseById = new Map(promises.map((p) => [String(p._id), asPromise(p)]));
    const studentById = new Map(students.map((s) => [String(s._id), asStudent(s)]));
    const contextOf = (p: PromiseCandidate): MatchContext => ({
      ...history(p.companyId, schoolId),
      audience: 'COMPANY',
    });
    // Scores only (reasons are written for the proposed pairs): a round weighs up to 200 x 1000 pairs.
    const table = new Map<string, Map<string, number>>();
    for (const me of studentById.values()) {
      const row = new Map<string, number>();
      table.set(me.id, row);
      if (!me.trade) continue;
      for (const trade of tradesOfFamily(me.trade)) {
        for (const p of byTrade.get(trade) ?? []) {
          if (taken(`${me.id}:${p.id}`)) continue;
          row.set(p.id, scoreMatchCoded(me, p, contextOf(p), SCORE_ONLY).score);
        }
      }
    }
    const result = stableMatching(
      args.studentIds,
      promises.map((p) => ({ id: String(p._id), capacity: p.positions - p.hiredCount })),
      (s, p) => table.get(s)?.get(p),
      args.minScore === undefined ? {} : { minScore: args.minScore },
    );

    return matchingRoundModel(deps.connection).create({
      schoolId,
      createdBy: actor.userId,
      studentIds,
      jobPromiseIds: promises.map((p) => p._id),
      ...(args.minScore === undefined ? {} : { minScore: args.minScore }),
      pairs: result.pairs.flatMap((pair) => {
        const student = studentById.get(pair.proposerId);
        const promise = promiseById.get(pair.receiverId);
        if (!student || !promise) return [];
        return [
          {
            studentId: pair.proposerId,
            jobPromiseId: pair.receiverId,
            score: pair.score,
            reasonCodes: scoreMatchCoded(student, promise, contextOf(promise)).reasons,
          },
        ];
      }),
      unmatchedStudentIds: result.unmatched,
      status: 'PROPOSED',
    });
  },
});

async function findRound(deps: DataDeps, id: string): Promise<MatchingRoundDoc> {
  const [round] = await matchingRoundModel(deps.connection).find({ _id: { $in: validObjectIds([id]) } });
  if (!round) throw notFound('MatchingRound', id);
  return round;
}

type SkipReason = Extract<MessageKey, `matching.skip.${string}`>;

/**
 * Staff confirm a proposed round (all its pairs, or the subset `pairs`): in ONE transaction, a PENDING
 * recommendation per pair, with its notifications (graduate and company recruiters, via the recommendation
 * queries), and the round becomes CONFIRMED (who, when, which recommendations, which pairs were skipped and why).
 * Skipped: a pair whose student already has a pending recommendation for the promise, a promise no longer open or
 * without an open position, a student no longer in the school. Confirming a CONFIRMED round returns it unchanged
 * (a retried request creates nothing twice).
 */
export const confirmMatchingRound = defineUseCase({
  name: 'confirmMatchingRound',
  input: confirmMatchingRoundSchema,
  access: ['SCHOOL_STAFF'],
  run: async (args, { actor, deps }): Promise<MatchingRoundDoc> => {
    const schoolId = schoolOf(actor);
    const now = deps.clock.now();
    const round = await findRound(deps, args.roundId);
    if (!canSeeMatchingRound(actor, round)) throw forbidden('matching.otherSchool');
    if (round.status === 'CONFIRMED') return round;

    const proposed = new Map(round.pairs.map((p) => [`${String(p.studentId)}:${String(p.jobPromiseId)}`, p]));
    const keys = args.pairs
      ? [...new Set(args.pairs.map((p) => `${p.studentId}:${p.jobPromiseId}`))]
      : [...proposed.keys()];
    const outside = keys.find((k) => !proposed.has(k));
    if (outside) {
      throw badUserInput(
        'error.invalidField',
        { path: 'pairs', message: renderMessage('matching.pairOutsideProposal') },
        [{ path: 'pairs', message: renderMessage('matching.pairOutsideProposalField', { pair: outside }) }],
      );
    }
    const selected = keys.flatMap((k) => proposed.get(k) ?? []);
    // The note goes to the graduate and the company: written in the confirming staff member's language.
    const note = args.note ?? renderMessage('matching.defaultRoundNote');
    const schoolName = (await schoolNames(deps, [schoolId])).get(schoolId);
    const Round = matchingRoundModel(deps.connection);

    for (let attempt = 0; ; attempt++) {
      try {
        return await inTransaction(deps, async (session) => {
          const promiseIds = [...new Set(selected.map((p) => String(p.jobPromiseId)))];
          const studentIds = [...new Set(selected.map((p) => String(p.studentId)))].map((id) => new Types.ObjectId(id));
          // One operation at a time: a transaction's session does not run operations in parallel.
          const promises = await jobPromisesByIds(deps, promiseIds, session);
          // An erased student (issue 18) is no longer recommended: as if absent.
          const students = (await findStudents(deps, studentIds, session)).filter((s) => !s.erasedAt);
          const pendingKeys = await pendingPairs(
            deps,
            { studentIds, jobPromiseIds: promiseIds.map((id) => new Types.ObjectId(id)) },
            session,
          );
          const promiseById = new Map(promises.map((p) => [String(p._id), p]));
          const studentById = new Map(students.map((s) => [String(s._id), s]));
          const drafts: RecommendationDraft[] = [];
          const skipped: { studentId: Types.ObjectId; jobPromiseId: Types.ObjectId; reason: SkipReason }[] = [];
          for (const pair of selected) {
            const jp = promiseById.get(String(pair.jobPromiseId));
            const student = studentById.get(String(pair.studentId));
            const skip = (reason: SkipReason) =>
              skipped.push({ studentId: pair.studentId, jobPromiseId: pair.jobPromiseId, reason });
            if (!jp || !isOpenNow(jp, now)) skip('matching.skip.promiseNotOpen');
            else if (jp.hiredCount >= jp.positions) skip('matching.skip.noPositionLeft');
            else if (!student || !sameId(student.schoolId, schoolId)) skip('matching.skip.studentLeftSchool');
            else if (pendingKeys.has(`${String(student._id)}:${String(jp._id)}`))
              skip('matching.skip.pendingRecommendation');
            else drafts.push({ jobPromise: jp, student, note, ...(schoolName ? { schoolName } : {}) });
          }
          const created = await insertRecommendations(deps, session, drafts, actor.userId);
          const updated = await Round.findOneAndUpdate(
            { _id: round._id, status: 'PROPOSED' },
            {
              $set: {
                status: 'CONFIRMED',
                confirmedBy: new Types.ObjectId(actor.userId),
                confirmedAt: now,
                note,
                recommendationIds: created.map((r) => r._id),
                skipped,
              },
            },
            { returnDocument: 'after', session },
          );
          if (!updated) throw conflict('matching.justConfirmed', undefined, { entity: 'MatchingRound' });
          return updated;
        });
      } catch (error) {
        // Another confirmation won the race: answer with its result (nothing is created twice).
        if (isAppError(error) && error.code === 'CONFLICT') {
          const current = await Round.findById(round._id);
          if (current?.status === 'CONFIRMED') return current;
        }
        // A recommendation of the same pair was made meanwhile: the next attempt sees it and skips the pair.
        if (isDuplicateKeyError(error) && attempt < 2) continue;
        throw error;
      }
    }
  },
});

export const getMatchingRound = defineUseCase({
  name: 'getMatchingRound',
  input: byIdInputSchema,
  access: ['SCHOOL_STAFF', 'FEDERATION_ADMIN'],
  run: async ({ id }, { actor, deps }): Promise<MatchingRoundDoc> => {
    const round = await findRound(deps, id);
    if (!canSeeMatchingRound(actor, round)) throw forbidden('matching.otherSchool');
    return round;
  },
});

/** Staff: their school's rounds; admin: all. Newest first. */
export const listMatchingRounds = defineUseCase({
  name: 'listMatchingRounds',
  input: matchesQuerySchema,
  access: ['SCHOOL_STAFF', 'FEDERATION_ADMIN'],
  run: async (input, { actor, deps }): Promise<MatchingRoundDoc[]> => {
    const first = input.first ?? MATCHES_FIRST_DEFAULT;
    const filter = isAdmin(actor) ? {} : { schoolId: new Types.ObjectId(schoolOf(actor)) };
    return matchingRoundModel(deps.connection).find(filter).sort({ createdAt: -1, _id: -1 }).limit(first);
  },
});
