import { Types } from 'mongoose';
import {
  DAY_MS,
  OPEN_APPLICATION_STATUSES,
  DEFAULT_LOCALE,
  Role,
  startOfUtcDay,
  toGeoJsonPoint,
  type ApplicationStatus,
} from '@promesse/shared';
import type { Actor } from '../core/actor';
import type { AppDeps } from '../core/deps';
import { metaModel } from '../db/meta.model';
import { applicationModel } from '../modules/application/application.model';
import { applyToJobPromise, moveApplication } from '../modules/application/application.use-cases';
import { userModel } from '../modules/auth/auth.model';
import { hashPassword } from '../modules/auth/auth.password';
import { createCompanyAccount } from '../modules/auth/auth.use-cases';
import { companyModel, partnershipModel } from '../modules/company/company.model';
import { decidePartnership, requestPartnership } from '../modules/company/company.use-cases';
import { jobPromiseModel, type JobPromiseDoc } from '../modules/job-promise/job-promise.model';
import { createJobPromise, publishJobPromise } from '../modules/job-promise/job-promise.use-cases';
import { recommendationModel } from '../modules/recommendation/recommendation.model';
import { recommendGraduate, respondToRecommendation } from '../modules/recommendation/recommendation.use-cases';
import { schoolModel } from '../modules/school/school.model';
import { createSchool } from '../modules/school/school.use-cases';
import { studentModel } from '../modules/student/student.model';
import { seedDemoOutcomes } from './demo.outcomes';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_ADMIN_PASSWORD,
  DEMO_APPLICATIONS,
  DEMO_COMPANIES,
  DEMO_PASSWORD,
  DEMO_RECOMMENDATIONS,
  DEMO_SCHOOLS,
  DEMO_STUDENTS,
  demoSiret,
  graduationDateFor,
  recruiterEmail,
  staffEmail,
  studentEmail,
} from './demo.data';

// Demo data for `npm start` (SEED_DEMO=true). Loaded once per database: the `demoSeeded` flag in `meta` is set
// last, and every step upserts by a natural key (e-mail, SIRET, school name, promise title per company), so a crash
// half-way is repaired by the next start and running it twice changes nothing. Promises, applications and
// recommendations go through the use cases, so the demo has the notifications real use would have produced.

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  /** Who this account is, for the start-up banner and the README. */
  label: string;
}

const schoolOf = (key: string) => DEMO_SCHOOLS.find((s) => s.key === key)!;

/** The accounts worth trying first (every other demo account uses DEMO_PASSWORD too). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    role: Role.FEDERATION_ADMIN,
    email: DEMO_ADMIN_EMAIL,
    password: DEMO_ADMIN_PASSWORD,
    label: 'Fédération nationale des Écoles de Production (admin)',
  },
  ...DEMO_SCHOOLS.map((s) => ({
    role: Role.SCHOOL_STAFF,
    email: staffEmail(s),
    password: DEMO_PASSWORD,
    label: `${s.staff.firstName} ${s.staff.lastName}, ${s.name}`,
  })),
  ...DEMO_SCHOOLS.map((s) => {
    const company = DEMO_COMPANIES.find((c) => c.schools[0] === s.key)!;
    return {
      role: Role.COMPANY_RECRUITER,
      email: recruiterEmail(company),
      password: DEMO_PASSWORD,
      label: `${company.contact}, ${company.name} (${company.city})`,
    };
  }),
  ...(
    [
      ['lina.martin', 'candidature présélectionnée'],
      ['yanis.bernard', 'recommandation à accepter'],
      ['camille.fontaine', 'offre à accepter'],
      ['chloe.guyon', 'recommandation acceptée'],
    ] as const
  ).map(([id, story]) => {
    const st = DEMO_STUDENTS.find((x) => studentEmail(x).startsWith(`${id}@`))!;
    return {
      role: Role.STUDENT,
      email: studentEmail(st),
      password: DEMO_PASSWORD,
      label: `${st.firstName} ${st.lastName}, ${st.stage === 'graduate' ? 'diplômé·e' : 'élève'} (${schoolOf(st.school).city}) : ${story}`,
    };
  }),
];

const SEEDED_FLAG = 'demoSeeded';

export interface SeedResult {
  /** False when the database had already been seeded. */
  seeded: boolean;
  accounts: readonly DemoAccount[];
}

type Ids = Map<string, Types.ObjectId>;

/** Loads the demo once; dates are relative to `deps.clock` (promises open today, graduates of last summer). */
export async function seedDemo(deps: AppDeps): Promise<SeedResult> {
  const { connection, logger } = deps;
  const now = deps.clock.now();
  const Meta = metaModel(connection);
  if (await Meta.exists({ _id: SEEDED_FLAG })) return { seeded: false, accounts: DEMO_ACCOUNTS };
  const User = userModel(connection);
  const as = (actor: Actor) => ({ deps, actor });

  // One argon2 hash per distinct password: all demo accounts share public passwords anyway.
  const hashes = new Map<string, Promise<string>>();
  const hashOf = (password: string) => {
    if (!hashes.has(password)) hashes.set(password, hashPassword(password));
    return hashes.get(password)!;
  };
  const upsertUser = async (email: string, fields: Record<string, unknown>, password = DEMO_PASSWORD) => {
    const user = await User.findOneAndUpdate(
      { email },
      { $setOnInsert: { email, passwordHash: await hashOf(password), ...fields } },
      { upsert: true, returnDocument: 'after' },
    );
    return user!;
  };

  const admin = await upsertUser(
    DEMO_ADMIN_EMAIL,
    { role: Role.FEDERATION_ADMIN, displayName: 'Fédération nationale des Écoles de Production' },
    DEMO_ADMIN_PASSWORD,
  );

  const adminActor: Actor = { userId: String(admin._id), role: Role.FEDERATION_ADMIN, locale: DEFAULT_LOCALE };
  const schoolIds: Ids = new Map();
  const staffByKey = new Map<string, Actor>();
  for (const s of DEMO_SCHOOLS) {
    const school =
      (await schoolModel(connection).findOne({ name: s.name })) ??
      (await createSchool(as(adminActor), {
        name: s.name,
        city: s.city,
        location: { lat: s.lat, lng: s.lng },
        trades: [...s.trades],
      }));
    schoolIds.set(s.key, school._id);
    const staff = await upsertUser(staffEmail(s), {
      role: Role.SCHOOL_STAFF,
      displayName: `${s.staff.firstName} ${s.staff.lastName}`,
      schoolId: school._id,
    });
    staffByKey.set(s.key, {
      userId: String(staff._id),
      role: Role.SCHOOL_STAFF,
      locale: DEFAULT_LOCALE,
      schoolId: String(school._id),
    });
  }

  // Companies sign up and ask their schools for a partnership, which the schools' staff approve.
  const recruiterBySlug = new Map<string, Actor>();
  for (const c of DEMO_COMPANIES) {
    const siret = demoSiret(c.siretBase);
    if (!(await companyModel(connection).exists({ siret }))) {
      // Demo addresses receive no mail: the seed creates verified accounts directly.
      await createCompanyAccount(
        deps,
        {
          companyName: c.name,
          siret,
          email: recruiterEmail(c),
          contactName: c.contact,
          city: c.city,
          location: { lat: c.lat, lng: c.lng },
        },
        await hashPassword(DEMO_PASSWORD),
      );
    }
    const recruiter = await User.findOne({ email: recruiterEmail(c) });
    if (!recruiter?.companyId) throw new Error(`demo data: no recruiter for ${c.name}`);
    const recruiterActor: Actor = {
      userId: String(recruiter._id),
      role: Role.COMPANY_RECRUITER,
      locale: DEFAULT_LOCALE,
      companyId: String(recruiter.companyId),
    };
    recruiterBySlug.set(c.slug, recruiterActor);
    for (const key of c.schools) {
      const schoolId = schoolIds.get(key)!;
      const partnership =
        (await partnershipModel(connection).findOne({ companyId: recruiter.companyId, schoolId })) ??
        (await requestPartnership(as(recruiterActor), { schoolId: String(schoolId) }));
      if (partnership.status === 'PENDING') {
        await decidePartnership(as(staffByKey.get(key)!), { id: String(partnership._id), approve: true });
      }
    }
  }

  const studentActorByEmail = new Map<string, Actor>();
  const studentIdByEmail: Ids = new Map();
  for (const st of DEMO_STUDENTS) {
    const school = schoolOf(st.school);
    const email = studentEmail(st);
    const schoolId = schoolIds.get(st.school)!;
    const user = await upsertUser(email, {
      role: Role.STUDENT,
      displayName: `${st.firstName} ${st.lastName}`,
      schoolId,
    });
    const graduationDate = graduationDateFor(st.stage, now);
    const student = await studentModel(connection).findOneAndUpdate(
      { userId: user._id },
      {
        $setOnInsert: {
          userId: user._id,
          schoolId,
          firstName: st.firstName,
          lastName: st.lastName,
          email,
          trade: st.trade,
          diplomaLevel: st.diplomaLevel,
          graduationDate,
          skills: st.skills,
          city: st.city,
          location: toGeoJsonPoint({ lat: school.lat + st.dLat, lng: school.lng + st.dLng }),
          mobilityKm: st.mobilityKm,
          availableFrom: st.stage === 'graduate' ? startOfUtcDay(now) : graduationDate,
        },
      },
      { upsert: true, returnDocument: 'after' },
    );
    studentActorByEmail.set(email, {
      userId: String(user._id),
      role: Role.STUDENT,
      locale: DEFAULT_LOCALE,
      schoolId: String(schoolId),
    });
    studentIdByEmail.set(email, student!._id);
  }

  // Promises, through the services (validation, partner schools, JOB_PROMISE_MATCH notifications on publish).
  const day = startOfUtcDay(now).getTime();
  const promiseByKey = new Map<string, JobPromiseDoc>();
  for (const c of DEMO_COMPANIES) {
    const recruiter = recruiterBySlug.get(c.slug)!;
    for (const p of c.promises) {
      let jp = await jobPromiseModel(connection).findOne({ companyId: recruiter.companyId, title: p.title });
      jp ??= await createJobPromise(as(recruiter), {
        title: p.title,
        description: p.description,
        trade: p.trade,
        contractType: p.contractType,
        positions: p.positions,
        ...(p.diplomaLevel ? { diplomaLevel: p.diplomaLevel } : {}),
        skills: p.skills,
        city: c.city,
        location: { lat: c.lat, lng: c.lng },
        startDate: new Date(day + p.startInDays * DAY_MS),
        expiresAt: new Date(day + p.expiresInDays * DAY_MS),
        schoolIds: c.schools.map((k) => String(schoolIds.get(k))),
      });
      if (p.publish !== false && jp.status === 'DRAFT')
        jp = await publishJobPromise(as(recruiter), { id: String(jp._id) });
      promiseByKey.set(`${c.slug}|${p.title}`, jp);
    }
  }

  const promiseOf = (company: string, title: string) => {
    const jp = promiseByKey.get(`${company}|${title}`);
    if (!jp) throw new Error(`demo data: no promise "${title}" for ${company}`);
    return jp;
  };

  // Applications in progress: applying is idempotent; moves only go forward from where a previous run stopped.
  const pipeline: ApplicationStatus[] = [...OPEN_APPLICATION_STATUSES];
  for (const a of DEMO_APPLICATIONS) {
    const jp = promiseOf(a.company, a.promise);
    const student = studentActorByEmail.get(a.student)!;
    let app = await applyToJobPromise(as(student), { jobPromiseId: String(jp._id), message: a.message ?? null });
    const recruiter = recruiterBySlug.get(a.company)!;
    while (pipeline.indexOf(app.status) >= 0 && pipeline.indexOf(app.status) < pipeline.indexOf(a.status)) {
      const next = pipeline[pipeline.indexOf(app.status) + 1]!;
      app = await moveApplication(as(recruiter), { id: String(app._id), to: next });
    }
  }

  for (const r of DEMO_RECOMMENDATIONS) {
    const jp = promiseOf(r.company, r.promise);
    const studentId = studentIdByEmail.get(r.student)!;
    const schoolKey = DEMO_STUDENTS.find((st) => studentEmail(st) === r.student)!.school;
    let rec = await recommendationModel(connection).findOne({ studentId, jobPromiseId: jp._id });
    rec ??= await recommendGraduate(as(staffByKey.get(schoolKey)!), {
      jobPromiseId: String(jp._id),
      studentId: String(studentId),
      note: r.note,
    });
    if (r.accept && rec.status === 'PENDING') {
      await respondToRecommendation(as(studentActorByEmail.get(r.student)!), { id: String(rec._id), accept: true });
    }
  }

  const alumni = await seedDemoOutcomes(
    deps,
    DEMO_SCHOOLS.map((s) => ({ spec: s, schoolId: schoolIds.get(s.key)!, staff: staffByKey.get(s.key)! })),
    await hashOf(DEMO_PASSWORD),
  );

  await Meta.updateOne({ _id: SEEDED_FLAG }, { $set: { value: { at: now.toISOString() } } }, { upsert: true });
  logger.info(
    {
      schools: DEMO_SCHOOLS.length,
      companies: DEMO_COMPANIES.length,
      students: DEMO_STUDENTS.length,
      alumni,
      promises: promiseByKey.size,
      applications: await applicationModel(connection).countDocuments(),
    },
    'demo data seeded',
  );
  return { seeded: true, accounts: DEMO_ACCOUNTS };
}
