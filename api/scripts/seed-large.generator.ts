import { Types, type Connection } from 'mongoose';
import {
  withLuhnCheckDigit,
  CONTRACT_TYPES,
  DAY_MS,
  DIPLOMA_LEVELS,
  Role,
  TRADE_LABELS,
  TRADES,
  type ContractType,
  type DiplomaLevel,
  type Trade,
} from '@promesse/shared';
import { userModel } from '../src/modules/auth/auth.model';
import { hashPassword } from '../src/modules/auth/auth.password';
import { applicationModel } from '../src/modules/application/application.model';
import { companyModel, partnershipModel } from '../src/modules/company/company.model';
import { jobPromiseModel } from '../src/modules/job-promise/job-promise.model';
import { schoolModel } from '../src/modules/school/school.model';
import { studentModel } from '../src/modules/student/student.model';
import { DEMO_SCHOOLS, type DemoSchool } from '../src/seed/demo.data';

// Synthetic data for benchmarks (`npm run seed:large`): N students and M open promises across the regions of the
// demo schools, written with insertMany in batches (no per-document round trip, no mongoose validation: the
// documents are built with the exact stored shapes). Deterministic for a given seed.

export const SEED_LARGE_PASSWORD = 'promesse-bench-2026';

const SKILLS: { readonly [T in Trade]: string[] } = {
  MACHINING: ['tournage', 'fraisage', 'commande numérique', 'métrologie', 'lecture de plans', 'ajustage'],
  BOILERMAKING: ['pliage', 'roulage', 'traçage', 'soudure TIG', 'lecture de plans', 'découpe plasma'],
  WELDING: ['soudure TIG', 'soudure MIG/MAG', 'soudure à l’arc', 'inox', 'meulage', 'lecture de plans'],
  METALWORK: ['serrurerie', 'métallerie', 'découpe', 'assemblage', 'pose', 'soudure MIG/MAG'],
  INDUSTRIAL_ELECTRICITY: ['câblage', 'armoires électriques', 'habilitation électrique', 'automatisme', 'schémas'],
  INDUSTRIAL_MAINTENANCE: ['diagnostic', 'pneumatique', 'hydraulique', 'mécanique', 'maintenance préventive'],
  WOODWORK: ['menuiserie', 'ébénisterie', 'usinage bois', 'agencement', 'finition'],
  TEXTILE: ['couture', 'patronage', 'coupe', 'piquage', 'contrôle qualité'],
  JEWELRY: ['sertissage', 'polissage', 'fonte', 'gravure', 'micro-mécanique'],
  AUTOMOTIVE: ['diagnostic', 'mécanique automobile', 'carrosserie', 'électricité automobile', 'pneumatiques'],
  CATERING: ['cuisine', 'pâtisserie', 'service', 'hygiène HACCP', 'mise en place'],
  DIGITAL: ['réseaux', 'développement web', 'support informatique', 'câblage réseau', 'cybersécurité'],
};

const FIRST_NAMES = [
  'Lina',
  'Yanis',
  'Inès',
  'Noah',
  'Léa',
  'Adam',
  'Jade',
  'Tom',
  'Chloé',
  'Hugo',
  'Sarah',
  'Rayan',
  'Manon',
  'Lucas',
  'Camille',
  'Nathan',
  'Zoé',
  'Enzo',
  'Louise',
  'Mathis',
  'Emma',
  'Sacha',
  'Maëlys',
  'Théo',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'Benali',
  'Nguyen',
];
const COMPANY_WORDS = [
  'Atelier',
  'Mécanique',
  'Industries',
  'Précision',
  'Services',
  'Fabrication',
  'Technique',
  'Ouvrages',
];
const TITLE_PREFIX: Record<ContractType, string> = {
  CDI: 'CDI',
  CDD: 'CDD',
  APPRENTICESHIP: 'Apprentissage',
  INTERIM: 'Mission d’intérim',
};

export interface SeedLargeOptions {
  students: number;
  promises: number;
  /** Default max(9, promises / 20). */
  companies?: number;
  /** Share of students already hired through a promise (past hires feed the school history). Default 0.02. */
  hireRate?: number;
  seed?: number;
  batchSize?: number;
  now?: Date;
  log?: (message: string) => void;
}

export interface SeedLargeResult {
  tag: string;
  password: string;
  schools: { id: string; name: string; staffUserId: string }[];
  companies: { id: string; recruiterUserId: string; schoolIds: string[] }[];
  counts: { students: number; promises: number; companies: number; hires: number };
  ms: number;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
    const n = Math.min(xs.length, min + int(max - min + 1));
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, gauss, some };
}

/** A point around (lat, lng), normally spread with `sigmaKm`. */
function jitter(
  rand: ReturnType<typeof prng>,
  lat: number,
  lng: number,
  sigmaKm: number,
): { type: 'Point'; coordinates: [number, number] } {
  const dLat = (rand.gauss() * sigmaKm) / 111.2;
  const dLng = (rand.gauss() * sigmaKm) / (111.2 * Math.cos((lat * Math.PI) / 180));
  return { type: 'Point', coordinates: [Number((lng + dLng).toFixed(5)), Number((lat + dLat).toFixed(5))] };
}

/** A Luhn-valid 14-digit SIRET from a number. */
function siretOf(n: number): string {
  return withLuhnCheckDigit(String(n).padStart(13, '0').slice(-13));
}

async function insertInBatches(
  collection: { insertMany(docs: Record<string, unknown>[], options: { ordered: boolean }): Promise<unknown> },
  docs: Record<string, unknown>[],
  batchSize: number,
): Promise<void> {
  for (let i = 0; i < docs.length; i += batchSize) {
    await collection.insertMany(docs.slice(i, i + batchSize), { ordered: false });
  }
}

/**
 * Writes `students` students (and their STUDENT users), `promises` OPEN promises from `companies` companies (each
 * with a recruiter and approved partnerships with its home school, sometimes a second one), one staff member per
 * school, and past hires (HIRED applications) for `hireRate` of the students. Schools are the nine demo schools,
 * reused when they exist (by name). Every account's password is SEED_LARGE_PASSWORD.
 */
export async function seedLarge(connection: Connection, options: SeedLargeOptions): Promise<SeedLargeResult> {
  const started = performance.now();
  const rand = prng(options.seed ?? 20_260_901);
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 2000;
  const log = options.log ?? (() => undefined);
  const nCompanies = options.companies ?? Math.max(9, Math.ceil(options.promises / 20));
  const hireRate = options.hireRate ?? 0.02;
  const tag = `${(options.seed ?? 0).toString(36)}${Date.now().toString(36)}`;
  const passwordHash = await hashPassword(SEED_LARGE_PASSWORD);
  const day = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const stamp = { createdAt: now, updatedAt: now };

  const User = userModel(connection);
  const School = schoolModel(connection);
  const users: Record<string, unknown>[] = [];
  const user = (role: Role, email: string, displayName: string, extra: Record<string, unknown>) => {
    const _id = new Types.ObjectId();
    users.push({
      _id,
      email,
      passwordHash,
      role,
      displayName,
      ...extra,
      notificationPreferences: { mutedTypes: [] },
      ...stamp,
    });
    return _id;
  };

  // Schools (reused by name) and one staff member each.
  const admin = new Types.ObjectId();
  const schools: { _id: Types.ObjectId; spec: DemoSchool; staffUserId: Types.ObjectId }[] = [];
  // The demo's Écoles de Production (same names and places, so a demo database is reused).
  for (const [i, spec] of DEMO_SCHOOLS.entries()) {
    let doc = await School.findOne({ name: spec.name }, { _id: 1 }).lean();
    if (!doc) {
      const [created] = await School.insertMany([
        {
          name: spec.name,
          city: spec.city,
          location: { type: 'Point', coordinates: [spec.lng, spec.lat] },
          trades: spec.trades,
          createdBy: admin,
        },
      ]);
      doc = { _id: created!._id };
    }
    const staffUserId = user(Role.SCHOOL_STAFF, `equipe${i}.${tag}@promesse.bench`, `Équipe ${spec.city}`, {
      schoolId: doc._id,
    });
    schools.push({ _id: doc._id, spec, staffUserId });
  }

  // Companies near a home school, partnered with it (and 30% with a second school).
  const companies: Record<string, unknown>[] = [];
  const partnerships: Record<string, unknown>[] = [];
  const companyInfo: {
    _id: Types.ObjectId;
    recruiter: Types.ObjectId;
    schools: number[];
    home: number;
    location: { type: 'Point'; coordinates: [number, number] };
  }[] = [];
  for (let k = 0; k < nCompanies; k++) {
    const home = k % schools.length;
    const spec = schools[home]!.spec;
    const _id = new Types.ObjectId();
    const location = jitter(rand, spec.lat, spec.lng, 12);
    const name = `${rand.pick(COMPANY_WORDS)} ${rand.pick(LAST_NAMES)} ${spec.city} ${k}`;
    companies.push({
      _id,
      name,
      siret: siretOf(Number.parseInt(tag.slice(-5), 36) * 100_000 + k),
      city: spec.city,
      location,
      contactName: `${rand.pick(FIRST_NAMES)} ${rand.pick(LAST_NAMES)}`,
      ...stamp,
    });
    const recruiter = user(Role.COMPANY_RECRUITER, `rh${k}.${tag}@promesse.bench`, `Recrutement ${name}`, {
      companyId: _id,
    });
    const partnerOf = [home];
    if (rand.next() < 0.3) partnerOf.push((home + 1 + rand.int(schools.length - 1)) % schools.length);
    for (const s of partnerOf) {
      partnerships.push({
        companyId: _id,
        schoolId: schools[s]!._id,
        status: 'APPROVED',
        requestedBy: recruiter,
        decidedBy: schools[s]!.staffUserId,
        decidedAt: now,
        ...stamp,
      });
    }
    companyInfo.push({ _id, recruiter, schools: partnerOf, home, location });
  }

  // Open promises.
  const promiseDocs: (Record<string, unknown> & {
    _id: Types.ObjectId;
    trade: Trade;
    positions: number;
    hiredCount: number;
    schoolIds: Types.ObjectId[];
    companyId: Types.ObjectId;
  })[] = [];
  const promisesBySchool: number[][] = schools.map(() => []);
  for (let i = 0; i < options.promises; i++) {
    const c = companyInfo[rand.int(companyInfo.length)]!;
    const homeSpec = schools[c.home]!.spec;
    const trade: Trade = rand.next() < 0.8 ? rand.pick(homeSpec.trades) : rand.pick(TRADES);
    const contractType: ContractType = rand.pick(CONTRACT_TYPES);
    const label = TRADE_LABELS.fr[trade];
    const skills = rand.some(SKILLS[trade], 1, 4);
    const diplomaLevel: DiplomaLevel | undefined = rand.next() < 0.7 ? rand.pick(DIPLOMA_LEVELS) : undefined;
    const listedAt = day(-rand.int(60));
    const _id = new Types.ObjectId();
    promiseDocs.push({
      _id,
      companyId: c._id,
      schoolIds: c.schools.map((s) => schools[s]!._id),
      title: `${TITLE_PREFIX[contractType]} en ${label.toLowerCase()} — ${homeSpec.city}`,
      description: `${label} : ${skills.join(', ')}. Atelier de ${homeSpec.city}, tutorat assuré, équipe de ${2 + rand.int(40)} personnes.`,
      trade,
      contractType,
      positions: 1 + rand.int(4),
      hiredCount: 0,
      ...(diplomaLevel ? { diplomaLevel } : {}),
      skills,
      city: homeSpec.city,
      location: jitter(rand, c.location.coordinates[1], c.location.coordinates[0], 5),
      startDate: day(7 + rand.int(150)),
      expiresAt: day(30 + rand.int(300)),
      status: 'OPEN',
      publishedAt: listedAt,
      listedAt,
      createdBy: c.recruiter,
      createdAt: listedAt,
      updatedAt: listedAt,
    });
    for (const s of c.schools) promisesBySchool[s]!.push(promiseDocs.length - 1);
  }

  // Students: around their school, graduation from 18 months ago to 30 months ahead.
  const studentDocs: Record<string, unknown>[] = [];
  const applications: Record<string, unknown>[] = [];
  for (let i = 0; i < options.students; i++) {
    const s = rand.int(schools.length);
    const school = schools[s]!;
    const trade: Trade = rand.next() < 0.85 ? rand.pick(school.spec.trades) : rand.pick(TRADES);
    const firstName = rand.pick(FIRST_NAMES);
    const lastName = rand.pick(LAST_NAMES);
    const email = `eleve${i}.${tag}@promesse.bench`;
    const userId = user(Role.STUDENT, email, `${firstName} ${lastName}`, { schoolId: school._id });
    const graduationDate = day(-540 + rand.int(1460));
    const _id = new Types.ObjectId();
    studentDocs.push({
      _id,
      userId,
      schoolId: school._id,
      firstName,
      lastName,
      email,
      trade,
      diplomaLevel: rand.pick(DIPLOMA_LEVELS),
      graduationDate,
      skills: rand.some(SKILLS[trade], 0, 4),
      city: school.spec.city,
      location: jitter(rand, school.spec.lat, school.spec.lng, 10),
      mobilityKm: rand.pick([10, 20, 30, 30, 40, 60]),
      availableFrom: new Date(graduationDate.getTime() + rand.int(60) * DAY_MS),
      ...stamp,
    });
    // A past hire through a promise targeting the school that keeps at least one open position.
    const candidates = promisesBySchool[s]!;
    if (rand.next() < hireRate && candidates.length) {
      const jp = promiseDocs[candidates[rand.int(candidates.length)]!]!;
      if (jp.positions - jp.hiredCount >= 2) {
        jp.hiredCount += 1;
        const at = day(-rand.int(300));
        applications.push({
          jobPromiseId: jp._id,
          studentId: _id,
          companyId: jp.companyId,
          schoolId: school._id,
          status: 'HIRED',
          source: 'STUDENT',
          history: [
            { from: null, to: 'SUBMITTED', byUserId: userId, byRole: Role.STUDENT, at },
            { from: 'OFFERED', to: 'HIRED', byUserId: userId, byRole: Role.STUDENT, at },
          ],
          createdAt: at,
          updatedAt: at,
        });
      }
    }
  }

  log(
    `seed: ${users.length} users, ${studentDocs.length} students, ${promiseDocs.length} promises, ${companies.length} companies, ${applications.length} hires`,
  );
  await insertInBatches(User.collection, users, batchSize);
  await insertInBatches(companyModel(connection).collection, companies, batchSize);
  await insertInBatches(partnershipModel(connection).collection, partnerships, batchSize);
  await insertInBatches(jobPromiseModel(connection).collection, promiseDocs, batchSize);
  await insertInBatches(studentModel(connection).collection, studentDocs, batchSize);
  await insertInBatches(applicationModel(connection).collection, applications, batchSize);
  const ms = performance.now() - started;
  log(`seed: done in ${(ms / 1000).toFixed(1)} s`);

  return {
    tag,
    password: SEED_LARGE_PASSWORD,
    schools: schools.map((s) => ({ id: String(s._id), name: s.spec.name, staffUserId: String(s.staffUserId) })),
    companies: companyInfo.map((c) => ({
      id: String(c._id),
      recruiterUserId: String(c.recruiter),
      schoolIds: c.schools.map((s) => String(schools[s]!._id)),
    })),
    counts: {
      students: studentDocs.length,
      promises: promiseDocs.length,
      companies: companies.length,
      hires: applications.length,
    },
    ms,
  };
}
