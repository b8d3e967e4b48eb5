import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import { MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import {
  buildNotificationText,
  DEFAULT_LOCALE,
  rankMatches,
  relatedTrades,
  scoreMatchCoded,
  type Locale,
  type MatchContext,
  type MatchPromise,
  type MatchStudent,
  type NotificationType,
  type Trade,
} from '@promesse/shared';

// The yardstick of throughput.bench.ts: plain Node `http` and the MongoDB driver doing the reads the API's list
// queries need, no framework. It still checks the bearer token (HS256, as the API), reads the user and, when the
// token names a session, checks it is still active, as any real server must. `MONGODB_URI`, `JWT_SECRET` and `PORT` come from the environment; it prints `listening <port>`.
// GET /jobPromises, /matchingJobPromises, /notifications answer JSON shaped like the API's `data`.

const FIRST = { jobPromises: 10, matching: 10, notifications: 20 };

interface UserRow {
  _id: ObjectId;
  role: string;
  schoolId?: ObjectId;
  locale?: Locale;
}

type StudentRow = Omit<MatchStudent, 'id'> & { _id: ObjectId; schoolId: ObjectId };
type PromiseRow = Omit<MatchPromise, 'id'> & { _id: ObjectId; companyId: ObjectId; title: string };

const openNow = (now: Date) => ({ status: 'OPEN', expiresAt: { $gt: now } });

async function jobPromises(db: Db, user: UserRow): Promise<unknown> {
  if (user.role !== 'STUDENT' || !user.schoolId) return { jobPromises: { edges: [] } };
  const promises = await db
    .collection('jobpromises')
    .find({ schoolIds: user.schoolId, ...openNow(new Date()) })
    .sort({ listedAt: -1, _id: -1 })
    .limit(FIRST.jobPromises)
    .toArray();
  const ids = promises.map((p) => p._id);
  const companyIds = [...new Set(promises.map((p) => String(p['companyId'])))].map((id) => new ObjectId(id));
  const schoolIds = [...new Set(promises.flatMap((p) => (p['schoolIds'] as ObjectId[]).map(String)))].map(
    (id) => new ObjectId(id),
  );
  const [companies, schools, counts] = await Promise.all([
    db
      .collection('companies')
      .find({ _id: { $in: companyIds } })
      .toArray(),
    db
      .collection('schools')
      .find({ _id: { $in: schoolIds } })
      .toArray(),
    db
      .collection('applications')
      .aggregate<{ _id: ObjectId; n: number }>([
        { $match: { jobPromiseId: { $in: ids } } },
        { $group: { _id: '$jobPromiseId', n: { $sum: 1 } } },
      ])
      .toArray(),
  ]);
  const name = new Map([...companies, ...schools].map((d) => [String(d._id), d['name'] as string]));
  const count = new Map(counts.map((c) => [String(c._id), c.n]));
  return {
    jobPromises: {
      edges: promises.map((p) => ({
        node: {
          id: String(p._id),
          title: p['title'],
          trade: p['trade'],
          company: { name: name.get(String(p['companyId'])) },
          schools: (p['schoolIds'] as ObjectId[]).map((s) => ({ name: name.get(String(s)) })),
          applicationCount: count.get(String(p._id)) ?? 0,
        },
      })),
    },
  };
}

const PROMISE_FIELDS = {
  companyId: 1,
  schoolIds: 1,
  trade: 1,
  diplomaLevel: 1,
  location: 1,
  startDate: 1,
  skills: 1,
  positions: 1,
  hiredCount: 1,
};

/** Same reads as matchJobPromisesForStudent (profile, school record, candidates by trade tier, kept promises). */
async function matching(db: Db, user: UserRow): Promise<unknown> {
  const now = new Date();
  const student = await db.collection<StudentRow>('students').findOne(
    { userId: user._id },
    {
      projection: {
        schoolId: 1,
        trade: 1,
        diplomaLevel: 1,
        location: 1,
        mobilityKm: 1,
        availableFrom: 1,
        graduationDate: 1,
        skills: 1,
      },
    },
  );
  if (!student?.trade) return { matchingJobPromises: [] };
  const { schoolId, trade } = student;
  const [partnerships, hires] = await Promise.all([
    db
      .collection('partnerships')
      .find({ schoolId: { $in: [schoolId] }, status: 'APPROVED' }, { projection: { _id: 0, companyId: 1 } })
      .toArray(),
    db
      .collection('applications')
      .aggregate<{ _id: ObjectId; n: number }>([
        { $match: { schoolId: { $in: [schoolId] }, status: 'HIRED' } },
        { $group: { _id: '$companyId', n: { $sum: 1 } } },
      ])
      .toArray(),
  ]);
  const approved = new Set(partnerships.map((p) => String(p['companyId'])));
  const hired = new Map(hires.map((h) => [String(h._id), h.n]));
  const me = { ...student, id: String(student._id) };
  const context = (companyId: unknown): MatchContext => ({
    partnershipApproved: approved.has(String(companyId)),
    pastHires: hired.get(String(companyId)) ?? 0,
    audience: 'STUDENT',
  });
  const candidates = async (trades: Trade[]) =>
    (
      await db
        .collection<PromiseRow>('jobpromises')
        .find({ schoolIds: schoolId, ...openNow(now), trade: { $in: trades } }, { projection: PROMISE_FIELDS })
        .toArray()
    ).map((p) => {
      const m = scoreMatchCoded(me, { ...p, id: String(p._id) }, context(p.companyId), { reasons: false });
      return { id: String(p._id), score: m.score, distanceKm: m.distanceKm };
    });
  let ranked = rankMatches(await candidates([trade]));
  if (ranked.length < FIRST.matching) ranked = rankMatches([...ranked, ...(await candidates(relatedTrades(trade)))]);
  const kept = ranked.slice(0, FIRST.matching);
  const full = await db
    .collection<PromiseRow>('jobpromises')
    .find({ _id: { $in: kept.map((k) => new ObjectId(k.id)) } })
    .toArray();
  const byId = new Map(full.map((p) => [String(p._id), p]));
  return {
    matchingJobPromises: kept.map((k) => {
      const p = byId.get(k.id)!;
      return { score: k.score, distanceKm: k.distanceKm, jobPromise: { id: k.id, title: p.title, trade: p.trade } };
    }),
  };
}

async function notifications(db: Db, user: UserRow): Promise<unknown> {
  const docs = await db
    .collection('notifications')
    .find({ userId: user._id })
    .sort({ _id: -1 })
    .limit(FIRST.notifications + 1)
    .toArray();
  const page = docs.slice(0, FIRST.notifications);
  const locale = user.locale ?? DEFAULT_LOCALE;
  return {
    notifications: {
      edges: page.map((n: Document) => {
        const text = buildNotificationText(n['type'] as NotificationType, n['data'] ?? {}, locale);
        return {
          node: {
            id: String(n['_id']),
            type: n['type'],
            title: text.title,
            body: text.body,
            readAt: n['readAt'] ?? null,
            createdAt: n['createdAt'],
          },
        };
      }),
      pageInfo: { hasNextPage: docs.length > FIRST.notifications },
    },
  };
}

const ROUTES: Record<string, (db: Db, user: UserRow) => Promise<unknown>> = {
  '/jobPromises': jobPromises,
  '/matchingJobPromises': matching,
  '/notifications': notifications,
};

async function main(): Promise<void> {
  const client = await new MongoClient(process.env['MONGODB_URI']!).connect();
  const db = client.db();
  const key = new TextEncoder().encode(process.env['JWT_SECRET']!);
  const users = db.collection<UserRow>('users');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = ROUTES[req.url ?? ''];
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!route || !token) {
      res.writeHead(404).end();
      return;
    }
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: 'promesse' });
    const user = await users.findOne({ _id: new ObjectId(payload.sub) }, { projection: { passwordHash: 0 } });
    const sid = payload['sid'];
    const session =
      typeof sid !== 'string' ||
      (await db
        .collection('sessions')
        .findOne(
          { _id: new ObjectId(sid), revokedAt: null, expiresAt: { $gt: new Date() } },
          { projection: { _id: 1 } },
        ));
    if (!user || !session) {
      res.writeHead(401).end();
      return;
    }
    const body = JSON.stringify({ data: await route(db, user) });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
  });
  // Exits at once: the bench is over, and nothing here holds data to flush.
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
