import { Types, type ClientSession } from 'mongoose';
import { isObjectId, type DiplomaLevel, type ErasureReason, type GeoJsonPoint, type Trade } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { validObjectIds } from '../../core/ids';
import { studentModel, type StudentDoc } from './student.model';
import { placedAtTown, TOWN_PRECISION } from './student.place';

// What other modules may ask of the students' module (student profiles).

type Deps = Pick<DataDeps, 'connection'>;

/** The student, or null for an unknown or malformed id. */
export async function findStudent(
  deps: Deps,
  id: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<StudentDoc | null> {
  if (typeof id === 'string' && !isObjectId(id)) return null;
  return studentModel(deps.connection).findById(id).session(session);
}

/** The profile of a STUDENT user, or null. */
export async function findStudentByUserId(
  deps: Deps,
  userId: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<StudentDoc | null> {
  if (typeof userId === 'string' && !isObjectId(userId)) return null;
  return studentModel(deps.connection).findOne({ userId }).session(session);
}

/** Some students by id, in no particular order (unknown ids are absent). */
export async function findStudents(
  deps: Deps,
  ids: readonly (string | Types.ObjectId)[],
  session: ClientSession | null = null,
): Promise<StudentDoc[]> {
  return studentModel(deps.connection)
    .find({ _id: { $in: validObjectIds(ids.map(String)) } })
    .session(session);
}

/** User ids of the students of some schools in a trade (recipients of JOB_PROMISE_MATCH). */
export async function studentUserIdsOf(
  deps: Deps,
  refs: { schoolIds: readonly (string | Types.ObjectId)[]; trade: Trade },
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const rows = await studentModel(deps.connection)
    .find(
      { schoolId: { $in: validObjectIds(refs.schoolIds.map(String)) }, trade: refs.trade, erasedAt: null },
      { userId: 1 },
    )
    .session(session)
    .lean();
  return rows.map((s) => s.userId);
}

export interface NewStudentProfile {
  userId: Types.ObjectId;
  schoolId: Types.ObjectId;
  firstName: string;
  lastName: string;
  email: string;
}

/** Writes the profile of a new STUDENT account (in the transaction that creates the account). */
export async function createStudentProfile(
  deps: Deps,
  profile: NewStudentProfile,
  session: ClientSession,
): Promise<StudentDoc> {
  const [created] = await studentModel(deps.connection).create([profile], { session });
  if (!created) throw new Error('student profile not created');
  return created;
}

/** The student's copy of their account's e-mail follows a change of the account's (same transaction). */
export async function setStudentEmail(
  deps: Deps,
  userId: Types.ObjectId | string,
  email: string,
  session: ClientSession,
): Promise<void> {
  await studentModel(deps.connection).updateOne({ userId }, { $set: { email } }, { session });
}

// ---------- matching candidates (added by helper B for modules/matching) ----------

/** What match scoring reads of a student: only these fields (their number grows with the schools' size). */
export interface StudentCandidate {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  trade?: Trade | null;
  diplomaLevel?: DiplomaLevel | null;
  location?: GeoJsonPoint | null;
  mobilityKm?: number | null;
  availableFrom?: Date | null;
  graduationDate?: Date | null;
  skills?: string[] | null;
}

const CANDIDATE_FIELDS = {
  _id: 1,
  schoolId: 1,
  trade: 1,
  diplomaLevel: 1,
  location: 1,
  mobilityKm: 1,
  availableFrom: 1,
  graduationDate: 1,
  skills: 1,
} as const;

/** The scoring fields of a STUDENT user's profile, or null. */
export function studentCandidateOfUser(deps: Deps, userId: string): Promise<StudentCandidate | null> {
  return studentModel(deps.connection).findOne({ userId }, CANDIDATE_FIELDS).lean<StudentCandidate>();
}

/** The scoring fields of some students (unknown ids are absent). */
export function studentCandidatesByIds(deps: Deps, ids: readonly Types.ObjectId[]): Promise<StudentCandidate[]> {
  return studentModel(deps.connection)
    .find({ _id: { $in: [...ids] } }, CANDIDATE_FIELDS)
    .lean<StudentCandidate[]>();
}

/**
 * Students of `schoolIds` whose trade is one of `trades` and whose graduationDate lies in the given range: the
 * {schoolId, trade, graduationDate} index, scoring fields only.
 */
export function graduateCandidates(
  deps: Deps,
  args: {
    schoolIds: readonly (string | Types.ObjectId)[];
    trades: readonly Trade[];
    graduationDate: { $gte: Date; $lte: Date };
    /** For a company: leave out the students who chose to hide from the companies' matching (issue 18). */
    excludeHidden?: boolean;
  },
): Promise<StudentCandidate[]> {
  if (args.trades.length === 0 || args.schoolIds.length === 0) return Promise.resolve([]);
  return studentModel(deps.connection)
    .find(
      {
        schoolId: { $in: validObjectIds(args.schoolIds.map(String)) },
        trade: { $in: [...args.trades] },
        graduationDate: args.graduationDate,
        erasedAt: null,
        ...(args.excludeHidden ? { hiddenFromMatching: { $ne: true } } : {}),
      },
      CANDIDATE_FIELDS,
    )
    .lean<StudentCandidate[]>();
}

// Collections of the marketplace modules, read here by name (no import cycle): a company gains sight of a student
// once the student applied to one of its promises or was recommended to it.
const CONTACT_COLLECTIONS = ['applications', 'recommendations'] as const;

/** Of these `${companyId}:${studentId}` pairs, those where the company has an application or recommendation. */
export async function knownCompanyStudentPairs(
  deps: Pick<DataDeps, 'connection'>,
  keys: readonly string[],
): Promise<Set<string>> {
  const pairs = keys.map((k) => k.split(':'));
  const companyIds = validObjectIds([...new Set(pairs.map(([c]) => c ?? ''))]);
  const studentIds = validObjectIds([...new Set(pairs.map(([, s]) => s ?? ''))]);
  const known = new Set<string>();
  if (!companyIds.length || !studentIds.length) return known;
  const filter = { companyId: { $in: companyIds }, studentId: { $in: studentIds } };
  const rows = await Promise.all(
    CONTACT_COLLECTIONS.map((name) =>
      deps.connection
        .collection(name)
        .find(filter, { projection: { _id: 0, companyId: 1, studentId: 1 } })
        .toArray(),
    ),
  );
  for (const row of rows.flat()) known.add(`${String(row['companyId'])}:${String(row['studentId'])}`);
  return known;
}

// ---------- outcomes (modules/outcome) ----------

/** What the outcome figures read of a graduate. */
export interface GraduateFacts {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  trade?: Trade | null;
  graduationDate: Date;
}

/**
 * The graduation facts of these students (those with a graduation date), read in the caller's transaction; without
 * ids, of every student with a graduation date (the outcome module's backfill), `after` an id for paging.
 */
export function graduationFactsOf(
  deps: Deps,
  select: { ids: readonly Types.ObjectId[] } | { after: Types.ObjectId | null; limit: number },
  session: ClientSession | null = null,
): Promise<GraduateFacts[]> {
  const projection = { _id: 1, schoolId: 1, trade: 1, graduationDate: 1 };
  if ('ids' in select) {
    return studentModel(deps.connection)
      .find({ _id: { $in: [...select.ids] }, graduationDate: { $ne: null } }, projection)
      .session(session)
      .lean<GraduateFacts[]>();
  }
  return studentModel(deps.connection)
    .find({ graduationDate: { $ne: null }, ...(select.after ? { _id: { $gt: select.after } } : {}) }, projection)
    .sort({ _id: 1 })
    .limit(select.limit)
    .lean<GraduateFacts[]>();
}

/** Every graduate: the students whose graduation date is `now` or earlier. */
export function graduatesAt(deps: Deps, now: Date): Promise<GraduateFacts[]> {
  return studentModel(deps.connection)
    .find({ graduationDate: { $lte: now } }, { _id: 1, schoolId: 1, trade: 1, graduationDate: 1 })
    .lean<GraduateFacts[]>();
}

/**
 * One-off, idempotent (run at start and after seeding): students stored before issue 13 with a precise point are
 * placed at their town's centre. Reads only the unmigrated ones (none after the first run).
 */
export async function migrateStudentLocations(deps: Deps): Promise<number> {
  const Student = studentModel(deps.connection);
  const stale = await Student.find(
    { location: { $ne: null }, locationPrecision: { $ne: TOWN_PRECISION } },
    { city: 1, location: 1 },
  ).lean();
  if (stale.length === 0) return 0;
  const ops = stale.map((s) => {
    const placed = placedAtTown({ city: s.city ?? null, location: s.location as GeoJsonPoint | null });
    return {
      updateOne: {
        filter: { _id: s._id },
        update: {
          $set: {
            location: placed.location ?? null,
            locationPrecision: TOWN_PRECISION,
            ...(placed.city ? { city: placed.city } : {}),
          },
        },
      },
    };
  });
  await Student.bulkWrite(ops);
  return stale.length;
}

// ---------- CV (modules/file) ----------

/** Makes `cv` the student's current CV; resolves to the previous CV's file id (to delete), if any. */
export async function setStudentCv(
  deps: Pick<DataDeps, 'connection'>,
  studentId: Types.ObjectId,
  cv: { fileId: Types.ObjectId; name: string; size: number; uploadedAt: Date },
): Promise<Types.ObjectId | null> {
  const before = await studentModel(deps.connection).findOneAndUpdate(
    { _id: studentId },
    { $set: { cv } },
    { returnDocument: 'before', projection: { cv: 1 } },
  );
  return before?.cv?.fileId ?? null;
}

/** Is this file the current CV of its student? (A replaced CV is no longer served.) */
export async function isCurrentCv(
  deps: Pick<DataDeps, 'connection'>,
  studentId: Types.ObjectId,
  fileId: Types.ObjectId,
): Promise<boolean> {
  return (await studentModel(deps.connection).exists({ _id: studentId, 'cv.fileId': fileId })) !== null;
}

// ---------- personal data (modules/privacy, issue 18) ----------

/** The profile as the person's export shows it (every stored field). */
export function studentProfileForExport(
  deps: Deps,
  studentId: Types.ObjectId,
): Promise<Record<string, unknown> | null> {
  return studentModel(deps.connection).findById(studentId).lean<Record<string, unknown>>();
}

/**
 * Removes identity, contact details, place, skills and CV reference from a student's profile and marks it erased;
 * what the outcome figures read (school, trade, diploma, graduation date) stays. Resolves to the CV file id that
 * was referenced (for the caller to delete the bytes). Idempotent: a second run changes nothing.
 */
export async function eraseStudentProfile(
  deps: Deps,
  args: { studentId: Types.ObjectId; reason: ErasureReason; at: Date },
  session: ClientSession,
): Promise<Types.ObjectId | null> {
  const Student = studentModel(deps.connection);
  const before = await Student.findById(args.studentId, { cv: 1, erasedAt: 1 }).session(session).lean();
  if (!before) return null;
  // Validators off: the anonymous record has empty names on purpose (the schema requires them for live accounts).
  await Student.collection.updateOne(
    { _id: args.studentId },
    {
      $set: {
        firstName: '',
        lastName: '',
        email: '',
        skills: [],
        erasedAt: before.erasedAt ?? args.at,
        erasureReason: args.reason,
      },
      $unset: { phone: '', city: '', location: '', locationPrecision: '', cv: '', availableFrom: '', mobilityKm: '' },
    },
    { session },
  );
  return before.cv?.fileId ?? null;
}
