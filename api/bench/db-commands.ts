import type { AddressInfo } from 'node:net';
import mongoose, { Types, type Connection } from 'mongoose';
import type { CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import { startEmbeddedMongo } from '@promesse/embedded-mongo';
import { toGeoJsonPoint, TRADES, type Role } from '@promesse/shared';
import { buildApp } from '../src/app';
import { systemClock } from '../src/core/clock';
import { IN_MEMORY, loadEnv } from '../src/config/env';
import { withDatabaseName } from '../src/db/database';
import { initModels } from '../src/db/model-registry';
import { createLogger } from '../src/logger';
import { applicationModel } from '../src/modules/application/application.model';
import { userModel } from '../src/modules/auth/auth.model';
import { signToken } from '../src/modules/auth/auth.token';
import { companyModel, partnershipModel } from '../src/modules/company/company.model';
import { jobPromiseModel } from '../src/modules/job-promise/job-promise.model';
import { schoolModel } from '../src/modules/school/school.model';
import { studentModel } from '../src/modules/student/student.model';
import '../src/modules/models';

// Counts the database commands one `jobPromises` request costs, with the MongoDB driver's command monitoring, over
// real HTTP against the real app. Shared by the benchmark (prints figures) and a jest test (asserts behaviour:
// the count does not grow with the page size).

const JWT_SECRET = 'bench-jwt-secret-0123456789-abcdefghijklmnop';

export const LIST_QUERY = `query($first: Int) { jobPromises(first: $first) { edges { node {
  id title status applicationCount company { id name city } schools { id name city } } } pageInfo { hasNextPage endCursor } } }`;

export interface CommandCount {
  first: number;
  returned: number;
  commands: number;
  /** `<command> <collection>` of each counted command, in order. */
  detail: string[];
  /** Median wall time of `runs` requests (after the counted one). */
  ms: number;
}

export interface DbCommandBench {
  /** Runs the list query as `who` and counts the commands it caused. */
  measure(first: number, who?: 'admin' | 'student', runs?: number): Promise<CommandCount>;
  close(): Promise<void>;
}

/** Seeds `promises` OPEN promises (4 companies, 3 schools, ~3 applications each) and starts the app. */
export async function startDbCommandBench(opts: { promises?: number } = {}): Promise<DbCommandBench> {
  const total = opts.promises ?? 60;
  const engine = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 });
  const connection: Connection = mongoose.createConnection(withDatabaseName(engine.uri), { monitorCommands: true });
  await connection.asPromise();
  await initModels(connection);
  const env = loadEnv({ NODE_ENV: 'test', PORT: '0', DATA_DIR: IN_MEMORY, LOG_LEVEL: 'silent', JWT_SECRET });
  const logger = createLogger(env);
  const tokens = await seed(connection, total);
  // Change streams (the realtime feed) poll with getMore in the background: those are not the request's. Listening
  // starts before the app does, so the feed's opening aggregate (and its cursor id) is seen.
  const client = connection.getClient();
  const changeStreamRequests = new Set<number>();
  const changeStreamCursors = new Set<string>();
  let counting: string[] | null = null;
  client.on('commandStarted', (e: CommandStartedEvent) => {
    const pipeline = (e.command as { pipeline?: Record<string, unknown>[] }).pipeline;
    if (e.commandName === 'aggregate' && pipeline?.[0]?.['$changeStream']) {
      changeStreamRequests.add(e.requestId);
      return;
    }
    if (e.commandName === 'getMore' && changeStreamCursors.has(String((e.command as { getMore: unknown }).getMore)))
      return;
    const target = (e.command as Record<string, unknown>)[e.commandName];
    counting?.push(`${e.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  });
  client.on('commandSucceeded', (e: CommandSucceededEvent) => {
    if (!changeStreamRequests.delete(e.requestId)) return;
    const id = (e.reply as { cursor?: { id?: unknown } }).cursor?.id;
    if (id !== undefined) changeStreamCursors.add(String(id));
  });

  const app = buildApp({ env, logger, connection, clock: systemClock });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql`;

  async function request(first: number, token: string): Promise<{ returned: number }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: LIST_QUERY, variables: { first } }),
    });
    const body = (await res.json()) as { data?: { jobPromises: { edges: unknown[] } }; errors?: unknown[] };
    if (body.errors) throw new Error(`jobPromises failed: ${JSON.stringify(body.errors)}`);
    return { returned: body.data!.jobPromises.edges.length };
  }

  return {
    async measure(first, who = 'admin', runs = 1) {
      const token = tokens[who];
      await request(first, token); // warm-up: connection pool, schema caches
      counting = [];
      const { returned } = await request(first, token);
      const detail = counting;
      counting = null;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await request(first, token);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { first, returned, commands: detail.length, detail, ms: times[Math.floor(times.length / 2)] ?? 0 };
    },
    async close() {
      await app.close();
      await connection.close();
      await engine.stop();
    },
  };
}

async function seed(connection: Connection, total: number): Promise<Record<'admin' | 'student', string>> {
  const User = userModel(connection);
  const admin = await User.create({
    email: 'admin@bench.test',
    passwordHash: 'x',
    role: 'FEDERATION_ADMIN',
    displayName: 'Admin',
  });
  const schools = await schoolModel(connection).insertMany(
    ['Évreux', 'Chalon-sur-Saône', 'Besançon'].map((city, i) => ({
      name: `École de Production de ${city}`,
      city,
      location: toGeoJsonPoint({ lat: 47 + i, lng: 2 + i }),
      trades: ['MACHINING', 'WELDING'],
      createdBy: admin._id,
    })),
  );
  const companies = await companyModel(connection).insertMany(
    Array.from({ length: 4 }, (_, i) => ({
      name: `Entreprise ${i}`,
      siret: String(10000000000000 + i),
      city: 'Lyon',
      location: toGeoJsonPoint({ lat: 45.7, lng: 4.8 }),
      contactName: 'Contact',
      createdBy: admin._id,
    })),
  );
  await partnershipModel(connection).insertMany(
    companies.flatMap((c) =>
      schools.map((s) => ({ companyId: c._id, schoolId: s._id, status: 'APPROVED', requestedBy: admin._id })),
    ),
  );
  const studentUserId = new Types.ObjectId();
  await User.create({
    _id: studentUserId,
    email: 'student@bench.test',
    passwordHash: 'x',
    role: 'STUDENT',
    displayName: 'Lina',
    schoolId: schools[0]!._id,
  });
  const students = await studentModel(connection).insertMany(
    Array.from({ length: 8 }, (_, i) => ({
      userId: i === 0 ? studentUserId : new Types.ObjectId(),
      schoolId: schools[0]!._id,
      firstName: `Élève${i}`,
      lastName: 'Banc',
      email: `eleve${i}@bench.test`,
      trade: 'MACHINING',
    })),
  );
  const now = Date.now();
  const promises = await jobPromiseModel(connection).insertMany(
    Array.from({ length: total }, (_, i) => ({
      companyId: companies[i % companies.length]!._id,
      // Every promise targets the first school (the student's) plus one or two others.
      schoolIds: schools.slice(0, 1 + (i % 3)).map((s) => s._id),
      title: `Promesse ${i}`,
      description: 'Poste en atelier.',
      trade: TRADES[i % 4],
      contractType: 'CDI',
      positions: 2,
      city: 'Lyon',
      location: toGeoJsonPoint({ lat: 45.7, lng: 4.8 }),
      startDate: new Date(now + 10 * 86_400_000),
      expiresAt: new Date(now + 60 * 86_400_000),
      status: 'OPEN',
      publishedAt: new Date(now - i * 60_000),
      listedAt: new Date(now - i * 60_000),
      createdBy: admin._id,
    })),
  );
  await applicationModel(connection).insertMany(
    promises.flatMap((p, i) =>
      students.slice(0, i % 4).map((s) => ({
        jobPromiseId: p._id,
        studentId: s._id,
        companyId: p.companyId,
        schoolId: s.schoolId,
        status: 'SUBMITTED',
        source: 'STUDENT',
        history: [{ from: null, to: 'SUBMITTED', byUserId: s.userId, byRole: 'STUDENT', at: new Date() }],
      })),
    ),
  );
  const sign = (sub: Types.ObjectId, role: Role) => signToken({ sub: String(sub), role }, JWT_SECRET);
  return { admin: await sign(admin._id, 'FEDERATION_ADMIN'), student: await sign(studentUserId, 'STUDENT') };
}
