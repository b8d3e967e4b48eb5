import { fork } from 'node:child_process';
import path from 'node:path';
import { Types } from 'mongoose';
import type { Socket } from 'socket.io';
import { signToken } from '../src/modules/auth/auth.token';
import { userModel } from '../src/modules/auth/auth.model';
import { studentModel } from '../src/modules/student/student.model';
import {
  approvePartnership,
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  registerCompany,
  startTestApp,
} from '../test/helpers';
import { createPromise, openPromise } from '../test/marketplace.fixtures';
import type { ChildMessage, ClientsConfig, ClientsResult, ParentMessage, Stats } from './realtime.clients';

// `npm run bench -w @promesse/api` (also run by the root `npm run bench`): the API (with its in-process embedded
// engine, like `npm start`) here; 1,000 socket.io-client connections of distinct students in a SEPARATE process
// (realtime.clients.ts). Measured on the client side:
//  - p50/p99 from a mutation's HTTP response (recommendGraduate: one notification for the student) to its
//    `notification:new`, beside p50/p99 of a bare socket.io echo (emit with ack) in the same run, interleaved;
//  - the time for one published promise to reach the 1,000 matching students (one school, the promise's trade).
// Target: notification p99 <= 3 x echo p99.

const CONNECTIONS = Number(process.env['BENCH_SOCKETS'] ?? 1000);
const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 400);
const WARMUP = 30;
const FANOUT_RUNS = 3;
const TARGET_RATIO = 3;

const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;
const line = (label: string, s: Stats, extra = '') =>
  `  ${label.padEnd(44)} p50 ${fmt(s.p50)}   p99 ${fmt(s.p99)}   max ${fmt(s.max)}   (n=${s.n})${extra}`;

async function main(): Promise<void> {
  const setupStarted = Date.now();
  const t = await startTestApp({ LOG_LEVEL: 'warn' });
  await t.app.realtime.ready;
  // The baseline: a bare socket.io round trip on the same server and connections.
  t.app.io.on('connection', (socket) => {
    (socket as unknown as Socket).on('bench:echo', (payload: unknown, ack: (x: unknown) => void) => ack(payload));
  });

  try {
    const admin = await createAdmin(t);
    const school = await createSchool(t, admin, { trades: ['MACHINING'] });
    const staff = await createStaff(t, admin, school.id);
    const company = await registerCompany(t);
    await approvePartnership(t, company, staff);
    const template = await createStudent(t, staff, { trade: 'MACHINING' });
    const recommendPromise = await openPromise(t, company, {
      schoolIds: [school.id],
      title: 'Promesse des recommandations',
    });

    // The other students are copies of one made through the API (same valid shape, no 1,000 password hashes).
    const users = userModel(t.connection).collection;
    const students = studentModel(t.connection).collection;
    const userDoc = await users.findOne({ _id: new Types.ObjectId(template.userId) });
    const studentDoc = await students.findOne({ userId: new Types.ObjectId(template.userId) });
    if (!userDoc || !studentDoc) throw new Error('template student not found');
    const userIds = [template.userId];
    const studentIds = [template.studentId];
    const newUsers = [];
    const newStudents = [];
    for (let i = 1; i < CONNECTIONS; i++) {
      const userId = new Types.ObjectId();
      const studentId = new Types.ObjectId();
      const email = `bench.student.${i}.${userId.toHexString()}@promesse.test`;
      newUsers.push({ ...userDoc, _id: userId, email, displayName: `Élève ${i}` });
      newStudents.push({ ...studentDoc, _id: studentId, userId, email, firstName: 'Élève', lastName: `Banc${i}` });
      userIds.push(userId.toHexString());
      studentIds.push(studentId.toHexString());
    }
    for (let i = 0; i < newUsers.length; i += 500) {
      await users.insertMany(newUsers.slice(i, i + 500));
      await students.insertMany(newStudents.slice(i, i + 500));
    }
    const tokens = await Promise.all(userIds.map((sub) => signToken({ sub, role: 'STUDENT' }, t.env.JWT_SECRET)));
    const fanoutPromiseIds: string[] = [];
    for (let k = 0; k < FANOUT_RUNS; k++) {
      fanoutPromiseIds.push(
        (await createPromise(t, company, { schoolIds: [school.id], title: `Promesse diffusée ${k + 1}` })).id,
      );
    }
    console.log(`setup: ${CONNECTIONS} students in one school, ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

    const config: ClientsConfig = {
      url: t.url,
      tokens,
      studentIds,
      staffToken: staff.token,
      companyToken: company.token,
      recommendPromiseId: recommendPromise.id,
      fanoutPromiseIds,
      samples: Math.min(SAMPLES, CONNECTIONS - WARMUP),
      warmup: WARMUP,
    };
    const result = await runClients(config);
    const ok = report(result);
    if (!ok) process.exitCode = 1;
  } finally {
    await t.close();
  }
}

function runClients(config: ClientsConfig): Promise<ClientsResult> {
  const child = fork(path.join(__dirname, 'realtime.clients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') console.log(`clients: ${message.message}`);
      else if (message.type === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(`clients process failed: ${message.message}`));
      }
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`clients process exited with ${code} before answering`));
    });
    child.send({ type: 'run', config } satisfies ParentMessage);
  });
}

function report(r: ClientsResult): boolean {
  console.log(
    `\nrealtime: ${CONNECTIONS} socket.io connections (distinct users) from a separate process; API + embedded engine in this one`,
  );
  console.log(`  connections established in ${r.connectMs.toFixed(0)} ms`);
  console.log(line('bare socket.io echo (emit -> ack)', r.echo));
  console.log(
    line(
      'mutation response -> notification:new',
      r.notify,
      r.notifyBeforeResponse ? `; ${r.notifyBeforeResponse} arrived before the response (0 ms)` : '',
    ),
  );
  console.log(line('recommendGraduate HTTP round trip', r.mutationMs));
  for (const [i, f] of r.fanout.entries()) {
    console.log(
      `  published promise -> ${f.received} matching students (run ${i + 1}): last one ${f.requestToLastMs.toFixed(0)} ms after the request ` +
        `(${f.responseToLastMs.toFixed(0)} ms after the response; publish answered in ${f.publishResponseMs.toFixed(0)} ms); ` +
        `p50 ${f.p50FromRequestMs.toFixed(0)} ms, p99 ${f.p99FromRequestMs.toFixed(0)} ms`,
    );
  }
  const ratio = r.notify.p99 / r.echo.p99;
  const ok = r.notify.p99 <= TARGET_RATIO * r.echo.p99;
  console.log(
    `  target: notification p99 <= ${TARGET_RATIO} x echo p99: ${r.notify.p99.toFixed(2)} ms vs ${(TARGET_RATIO * r.echo.p99).toFixed(2)} ms ` +
      `(ratio ${ratio.toFixed(2)}) -> ${ok ? 'OK' : 'MISSED'}`,
  );
  return ok;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
