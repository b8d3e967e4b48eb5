import { Types } from 'mongoose';
import * as z from 'zod';
import {
  AppError,
  badUserInput,
  conflict,
  forbidden,
  fromGeoJsonPoint,
  haversineKm,
  idSchema,
  isObjectId,
  noteSchema,
  notFound,
  optionalInput,
  parseInput,
  MATCHING_WEIGHTS,
  rankMatches,
  relatedTrades,
  RELATED_TRADE_COMPONENT,
  Role,
  scoreMatch,
  stableMatching,
  tradesOfFamily,
  type MatchContext,
  type MatchScore,
  type ScoreOptions,
  type Trade,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { applicationModel } from '../application/application.model';
import { isDuplicateKey } from '../application/application.service';
import { jobPromiseModel, type JobPromiseDoc } from '../job-promise/job-promise.model';
import { isOpenNow, targetsSchool } from '../job-promise/job-promise.policy';
import { findJobPromise } from '../job-promise/job-promise.service';
import { recommendationModel } from '../recommendation/recommendation.model';
import { insertRecommendations, type RecommendationDraft } from '../recommendation/recommendation.service';
import { schoolModel } from '../school/school.model';
import { sameId } from '../school/school.service';
import { studentModel, type StudentDoc } from '../student/student.model';
import {
  graduateCandidates,
  loadSchoolHistory,
  openPromiseCandidates,
  PROMISE_FIELDS,
  STUDENT_FIELDS,
  type PromiseCandidate,
  type StudentCandidate,
} from './matching.candidates';
import { matchingRoundModel, type MatchingRoundDoc } from './matching.model';
import { canSeeMatchingRound, graduateMatchScope } from './matching.policy';

type Deps = Pick<AppDeps, 'connection'>;

export const MATCHES_FIRST_DEFAULT = 20;
export const MATCHES_FIRST_MAX = 100;
export const ROUND_STUDENTS_MAX = 200;
export const ROUND_PROMISES_MAX = 1000;
/** Distances shown to (and scored for) companies are rounded up to this step; see GraduateMatchScope. */
export const COMPANY_DISTANCE_STEP_KM = 5;
export const DEFAULT_ROUND_NOTE = 'Recommandation proposée par votre école lors d’un tour de mise en relation.';

const firstSchema = optionalInput(
  z
    .number('Nombre attendu')
    .int('Nombre entier attendu')
    .min(1, 'Au moins 1')
    .max(MATCHES_FIRST_MAX, `${MATCHES_FIRST_MAX} maximum`),
);

export type MatchComponents = MatchScore['components'];

export interface JobPromiseMatchResult {
  jobPromise: JobPromiseDoc;
  score: number;
  reasons: string[];
  components: MatchComponents;
  distanceKm: number | null;
  outOfRadius: boolean;
}

export interface GraduateMatchResult {
  student: StudentDoc;
  score: number;
  reasons: string[];
  components: MatchComponents;
  outOfRadius: boolean;
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
  score: (candidate: C, options: ScoreOptions) => MatchScore,
): Promise<{ candidate: C; match: MatchScore }[]> {
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

const SCORE_ONLY: ScoreOptions = { reasons: false };
const asStudent = (s: StudentCandidate) => ({ ...s, id: String(s._id) });
const asPromise = (p: PromiseCandidate) => ({ ...p, id: String(p._id) });

/**
 * matchingJobPromises: the OPEN promises targeting the student's school whose trade is the student's or a related
 * one (same ROME family), best first (compareMatches: score, then distance, then id). Unrelated trades are not
 * candidates; out-of-radius promises stay, with their score halved (OUT_OF_RADIUS_FACTOR). A profile without a
 * trade has no match.
 */
export async function matchJobPromisesForStudent(
  deps: Deps,
  actor: Actor,
  args: { first?: number | null },
  now = new Date(),
): Promise<JobPromiseMatchResult[]> {
  if (actor.role !== Role.STUDENT) throw forbidden('Réservé aux élèves');
  const first = parseInput(firstSchema, args.first, 'first') ?? MATCHES_FIRST_DEFAULT;
  // The school's track record is read while the profile is (the actor's school is the student's).
  const early = actor.schoolId ? loadSchoolHistory(deps, { schoolIds: [actor.schoolId] }) : null;
  early?.catch(() => undefined);
  const student = await studentModel(deps.connection)
    .findOne({ userId: actor.userId }, STUDENT_FIELDS)
    .lean<StudentCandidate>();
  if (!student) throw notFound('Student');
  if (!student.trade) return [];
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
  const JobPromise = jobPromiseModel(deps.connection);
  const ranked = await bestByTradeTier(
    student.trade,
    first,
    (trades) => openPromiseCandidates(deps, { schoolId: student.schoolId, trades, now }),
    (p, options) => scoreMatch(me, asPromise(p), contextOf(p.companyId), options),
  );
  // Candidates carry the scoring fields only: the kept ones are read whole, in one query.
  const full = new Map(
    (await JobPromise.find({ _id: { $in: ranked.map(({ candidate }) => candidate._id) } })).map((jp) => [
      String(jp._id),
      jp,
    ]),
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
            distanceKm: match.distanceKm,
            outOfRadius: match.outOfRadius,
          },
        ]
      : [];
  });
}

function coarseDistance(student: StudentCandidate, promise: Pick<PromiseCandidate, 'location'>): number | null {
  if (!student.location || !promise.location) return null;
  const d = haversineKm(fromGeoJsonPoint(student.location), fromGeoJsonPoint(promise.location));
  return Math.max(1, Math.ceil(d / COMPANY_DISTANCE_STEP_KM)) * COMPANY_DISTANCE_STEP_KM;
}

/**
 * matchingGraduates: graduates (graduateWindow) of the schools the promise targets — staff: their own school only —
 * whose trade is the promise's or a related one, best first. See graduateMatchScope for who may ask.
 */
export async function matchGraduatesForPromise(
  deps: Deps,
  actor: Actor,
  args: { jobPromiseId: string; first?: number | null },
  now = new Date(),
): Promise<GraduateMatchResult[]> {
  const first = parseInput(firstSchema, args.first, 'first') ?? MATCHES_FIRST_DEFAULT;
  const jp = await findJobPromise(deps, args.jobPromiseId);
  const scope = graduateMatchScope(actor, jp);
  if (!scope) throw forbidden('Réservé à l’entreprise de la promesse et aux écoles qu’elle vise');
  const historyP = loadSchoolHistory(deps, { companyIds: [jp.companyId], schoolIds: scope.schoolIds });
  historyP.catch(() => undefined);
  let history: Awaited<typeof historyP> | null = null;
  const promise = {
    id: String(jp._id),
    trade: jp.trade as Trade,
    diplomaLevel: jp.diplomaLevel ?? null,
    location: jp.location as PromiseCandidate['location'],
    startDate: jp.startDate,
    skills: jp.skills,
  };
  const contexts = new Map<string, MatchContext>();
  const contextOf = (schoolId: Types.ObjectId): MatchContext => {
    const key = String(schoolId);
    let context = contexts.get(key);
    if (!context) contexts.set(key, (context = { ...history!(jp.companyId, schoolId), audience: 'COMPANY' }));
    return context;
  };
  const Student = studentModel(deps.connection);
  const ranked = await bestByTradeTier(
    promise.trade,
    first,
    async (trades) => {
      const [candidates, h] = await Promise.all([
        graduateCandidates(deps, { schoolIds: scope.schoolIds, trades, now }),
        historyP,
      ]);
      history = h;
      return candidates;
    },
    (s, options) => {
      const base = contextOf(s.schoolId);
      const context = scope.coarseDistances ? { ...base, distanceKm: coarseDistance(s, promise) } : base;
      return scoreMatch(asStudent(s), promise, context, options);
    },
  );
  // Candidates carry the scoring fields only: the kept ones are read whole, in one query.
  const full = new Map(
    (await Student.find({ _id: { $in: ranked.map(({ candidate }) => candidate._id) } })).map((s) => [String(s._id), s]),
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
          },
        ]
      : [];
  });
}

// ---------- school-mediated matching round ----------

const proposeSchema = z.object({
  studentIds: z
    .array(idSchema, 'Liste d’élèves attendue')
    .min(1, 'Choisissez au moins un·e élève')
    .max(ROUND_STUDENTS_MAX, `${ROUND_STUDENTS_MAX} élèves maximum`)
    .refine((ids) => new Set(ids).size === ids.length, 'Élève présent deux fois dans la cohorte'),
  jobPromiseIds: optionalInput(
    z
      .array(idSchema, 'Liste de promesses attendue')
      .min(1, 'Choisissez au moins une promesse (ou aucune liste : toutes)')
      .max(ROUND_PROMISES_MAX, `${ROUND_PROMISES_MAX} promesses maximum`)
      .transform((ids) => [...new Set(ids)]),
  ),
  minScore: optionalInput(z.number('Nombre attendu').min(0, 'Entre 0 et 1').max(1, 'Entre 0 et 1')),
});

function requireStaff(actor: Actor): string {
  if (actor.role !== Role.SCHOOL_STAFF || !actor.schoolId) throw forbidden('Réservé à l’équipe des écoles');
  return actor.schoolId;
}

/**
 * Staff propose a round: their cohort (students of their school) against the OPEN promises targeting the school
 * (all those of the cohort's trade families, or the given selection). Graduate-proposing deferred acceptance
 * (shared stableMatching): capacity of a promise = open positions (positions - hiredCount); both sides prefer
 * higher scores (scoreMatch); pairs of unrelated trades, below `minScore`, or where the student already applied
 * or has a pending recommendation are not acceptable. The proposal is stored (PROPOSED); nothing is sent.
 */
export async function proposeMatchingRound(
  deps: Deps,
  actor: Actor,
  rawArgs: unknown,
  now = new Date(),
): Promise<MatchingRoundDoc> {
  const schoolId = requireStaff(actor);
  const args = parseInput(proposeSchema, rawArgs);
  const studentIds = args.studentIds.map((id) => new Types.ObjectId(id));
  const students = await studentModel(deps.connection)
    .find({ _id: { $in: studentIds } }, STUDENT_FIELDS)
    .lean<StudentCandidate[]>();
  const found = new Map(students.map((s) => [String(s._id), s]));
  const missing = args.studentIds.find((id) => !found.has(id));
  if (missing) throw notFound('Student', missing);
  if (students.some((s) => !sameId(s.schoolId, schoolId))) {
    throw forbidden('La cohorte ne peut contenir que des élèves de votre école');
  }
  const trades = [...new Set(students.flatMap((s) => (s.trade ? tradesOfFamily(s.trade) : [])))];

  let promises: PromiseCandidate[];
  if (args.jobPromiseIds) {
    const ids = args.jobPromiseIds.map((id) => new Types.ObjectId(id));
    const docs = await jobPromiseModel(deps.connection)
      .find({ _id: { $in: ids } }, { ...PROMISE_FIELDS, status: 1, expiresAt: 1 })
      .lean<(PromiseCandidate & Pick<JobPromiseDoc, 'status' | 'expiresAt'>)[]>();
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    const unknown = args.jobPromiseIds.find((id) => !byId.has(id));
    if (unknown) throw notFound('JobPromise', unknown);
    if (docs.some((d) => !targetsSchool(d, schoolId)))
      throw forbidden('Une des promesses ne s’adresse pas à votre école');
    const closed = docs.find((d) => !isOpenNow(d, now));
    if (closed)
      throw conflict('Une des promesses n’est plus ouverte', { entity: 'JobPromise', id: String(closed._id) });
    promises = docs;
  } else {
    promises = await openPromiseCandidates(deps, { schoolId, trades, now });
  }

  // Pairs already in motion are not proposed again.
  const [applications, pending, history] = await Promise.all([
    applicationModel(deps.connection)
      .find({ studentId: { $in: studentIds } }, { studentId: 1, jobPromiseId: 1 })
      .lean(),
    recommendationModel(deps.connection)
      .find({ studentId: { $in: studentIds }, status: 'PENDING' }, { studentId: 1, jobPromiseId: 1 })
      .lean(),
    loadSchoolHistory(deps, { companyIds: promises.map((p) => p.companyId), schoolIds: [schoolId] }),
  ]);
  const taken = new Set([...applications, ...pending].map((x) => `${String(x.studentId)}:${String(x.jobPromiseId)}`));

  const byTrade = new Map<string, ReturnType<typeof asPromise>[]>();
  for (const p of promises) byTrade.set(p.trade, [...(byTrade.get(p.trade) ?? []), asPromise(p)]);
  const promiseById = new Map(promises.map((p) => [String(p._id), asPromise(p)]));
  const studentById = new Map(students.map((s) => [String(s._id), asStudent(s)]));
  const contextOf = (p: PromiseCandidate): MatchContext => ({ ...history(p.companyId, schoolId), audience: 'COMPANY' });
  // Scores only (reasons are written for the proposed pairs): a round weighs up to 200 x 1000 pairs.
  const table = new Map<string, Map<string, number>>();
  for (const me of studentById.values()) {
    const row = new Map<string, number>();
    table.set(me.id, row);
    if (!me.trade) continue;
    for (const trade of tradesOfFamily(me.trade)) {
      for (const p of byTrade.get(trade) ?? []) {
        if (taken.has(`${me.id}:${p.id}`)) continue;
        row.set(p.id, scoreMatch(me, p, contextOf(p), { reasons: false }).score);
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
    pairs: result.pairs.map((pair) => ({
      studentId: pair.proposerId,
      jobPromiseId: pair.receiverId,
      score: pair.score,
      reasons: scoreMatch(
        studentById.get(pair.proposerId)!,
        promiseById.get(pair.receiverId)!,
        contextOf(promiseById.get(pair.receiverId)!),
      ).reasons,
    })),
    unmatchedStudentIds: result.unmatched,
    status: 'PROPOSED',
  });
}

const confirmSchema = z.object({
  roundId: idSchema,
  pairs: optionalInput(
    z
      .array(z.object({ studentId: idSchema, jobPromiseId: idSchema }), 'Liste de paires attendue')
      .max(ROUND_STUDENTS_MAX),
  ),
  note: optionalInput(noteSchema),
});

async function findRound(deps: Deps, id: string): Promise<MatchingRoundDoc> {
  const round = isObjectId(id) ? await matchingRoundModel(deps.connection).findById(id) : null;
  if (!round) {
    throw new AppError('NOT_FOUND', 'Tour de mise en relation introuvable', {
      details: { entity: 'MatchingRound', id: String(id) },
    });
  }
  return round;
}

/**
 * Staff confirm a proposed round (all its pairs, or the subset `pairs`): in ONE transaction, a PENDING
 * recommendation per pair, with its notifications (graduate and company recruiters, via the recommendation
 * service), and the round becomes CONFIRMED (who, when, which recommendations, which pairs were skipped and why).
 * Skipped: a pair whose student already has a pending recommendation for the promise, a promise no longer open or
 * without an open position, a student no longer in the school. Confirming a CONFIRMED round returns it unchanged
 * (a retried request creates nothing twice).
 */
export async function confirmMatchingRound(
  deps: Deps,
  actor: Actor,
  rawArgs: unknown,
  now = new Date(),
): Promise<MatchingRoundDoc> {
  const schoolId = requireStaff(actor);
  const raw = (rawArgs ?? {}) as { roundId?: unknown };
  const round = await findRound(deps, String(raw.roundId));
  if (!canSeeMatchingRound(actor, round)) throw forbidden('Ce tour de mise en relation appartient à une autre école');
  const args = parseInput(confirmSchema, rawArgs);
  if (round.status === 'CONFIRMED') return round;

  const proposed = new Map(round.pairs.map((p) => [`${String(p.studentId)}:${String(p.jobPromiseId)}`, p]));
  const keys = args.pairs
    ? [...new Set(args.pairs.map((p) => `${p.studentId}:${p.jobPromiseId}`))]
    : [...proposed.keys()];
  const outside = keys.find((k) => !proposed.has(k));
  if (outside) {
    throw badUserInput('pairs : cette paire ne fait pas partie de la proposition', [
      { path: 'pairs', message: `Paire hors proposition : ${outside}` },
    ]);
  }
  const selected = keys.map((k) => proposed.get(k)!);
  const note = args.note ?? DEFAULT_ROUND_NOTE;
  const school = await schoolModel(deps.connection).findById(schoolId, { name: 1 }).lean();
  const Round = matchingRoundModel(deps.connection);

  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.connection.transaction(async (session) => {
        const promiseIds = [...new Set(selected.map((p) => String(p.jobPromiseId)))].map(
          (id) => new Types.ObjectId(id),
        );
        const studentIds = [...new Set(selected.map((p) => String(p.studentId)))].map((id) => new Types.ObjectId(id));
        // One operation at a time: a transaction's session does not run operations in parallel.
        const promises = await jobPromiseModel(deps.connection)
          .find({ _id: { $in: promiseIds } })
          .session(session);
        const students = await studentModel(deps.connection)
          .find({ _id: { $in: studentIds } })
          .session(session);
        const pending = await recommendationModel(deps.connection)
          .find(
            { studentId: { $in: studentIds }, jobPromiseId: { $in: promiseIds }, status: 'PENDING' },
            { studentId: 1, jobPromiseId: 1 },
          )
          .session(session)
          .lean();
        const promiseById = new Map(promises.map((p) => [String(p._id), p]));
        const studentById = new Map(students.map((s) => [String(s._id), s]));
        const pendingKeys = new Set(pending.map((r) => `${String(r.studentId)}:${String(r.jobPromiseId)}`));
        const drafts: RecommendationDraft[] = [];
        const skipped: { studentId: Types.ObjectId; jobPromiseId: Types.ObjectId; reason: string }[] = [];
        for (const pair of selected) {
          const jp = promiseById.get(String(pair.jobPromiseId));
          const student = studentById.get(String(pair.studentId));
          const skip = (reason: string) =>
            skipped.push({ studentId: pair.studentId, jobPromiseId: pair.jobPromiseId, reason });
          if (!jp || !isOpenNow(jp, now)) skip('La promesse n’est plus ouverte');
          else if (jp.hiredCount >= jp.positions) skip('La promesse n’a plus de poste ouvert');
          else if (!student || !sameId(student.schoolId, schoolId)) skip('L’élève n’est plus inscrit·e dans l’école');
          else if (pendingKeys.has(`${String(student._id)}:${String(jp._id)}`))
            skip('Une recommandation attend déjà sa réponse');
          else drafts.push({ jobPromise: jp, student, note, ...(school ? { schoolName: school.name } : {}) });
        }
        const created = await insertRecommendations(deps, session, drafts, actor);
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
          { new: true, session },
        );
        if (!updated) throw conflict('Ce tour vient d’être confirmé', { entity: 'MatchingRound' });
        return updated;
      });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      // Another confirmation won the race: answer with its result (nothing is created twice).
      if (code === 'CONFLICT') {
        const current = await Round.findById(round._id);
        if (current?.status === 'CONFIRMED') return current;
      }
      // A recommendation of the same pair was made meanwhile: the next attempt sees it and skips the pair.
      if (isDuplicateKey(error) && attempt < 2) continue;
      throw error;
    }
  }
}

export async function getMatchingRound(deps: Deps, actor: Actor, id: string): Promise<MatchingRoundDoc> {
  const round = await findRound(deps, id);
  if (!canSeeMatchingRound(actor, round)) throw forbidden('Ce tour de mise en relation appartient à une autre école');
  return round;
}

/** Staff: their school's rounds; admin: all. Newest first. */
export async function listMatchingRounds(
  deps: Deps,
  actor: Actor,
  args: { first?: number | null },
): Promise<MatchingRoundDoc[]> {
  const first = parseInput(firstSchema, args.first, 'first') ?? MATCHES_FIRST_DEFAULT;
  let filter: Record<string, unknown>;
  if (actor.role === Role.FEDERATION_ADMIN) filter = {};
  else filter = { schoolId: new Types.ObjectId(requireStaff(actor)) };
  return matchingRoundModel(deps.connection).find(filter).sort({ createdAt: -1, _id: -1 }).limit(first);
}
