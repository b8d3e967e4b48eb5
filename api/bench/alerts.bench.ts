import { readdir } from 'node:fs/promises';
import { Types } from 'mongoose';
import {
  approvePartnership,
  createAdmin,
  createSchool,
  createStaff,
  registerCompany,
  startTestApp,
} from '../test/helpers';
import { promiseInput } from '../test/marketplace.fixtures';

// `npm run bench -w @promesse/api` (alerts): publishing one promise that matches the saved searches of 1,000
// students, through the real path: publishJobPromise over HTTP stores the JOB_ALERT_MATCH notifications and queues
// one e-mail each (their default channel is "e-mail at once") in the publishing transaction; the outbox worker then
// sends them over SMTP to the in-process server, which stores each as an .eml file. Printed: the time to queue (the
// mutation's answer: transaction committed) and the time until the server accepted the last e-mail.

const STUDENTS = Number(process.env['BENCH_ALERT_STUDENTS'] ?? 1000);

async function storedCount(dir: string): Promise<number> {
  return (await readdir(dir)).filter((n) => n.endsWith('.eml')).length;
}

async function main(): Promise<void> {
  const t = await startTestApp();
  const dir = t.mail.devServer?.dir ?? '';
  try {
    const admin = await createAdmin(t);
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const company = await registerCompany(t);
    await approvePartnership(t, company, staff);

    // The students and their alerts as fixtures (the bench measures publishing, not sign-ups).
    const schoolId = new Types.ObjectId(school.id);
    const users = Array.from({ length: STUDENTS }, (_, i) => ({
      _id: new Types.ObjectId(),
      email: `eleve${i}@bench.promesse.test`,
      passwordHash: 'bench',
      role: 'STUDENT',
      displayName: `Élève ${i}`,
      schoolId,
      locale: i % 10 === 0 ? 'en' : 'fr',
      notificationPreferences: { mutedTypes: [], channels: {} },
    }));
    await t.connection.collection('users').insertMany(users);
    await t.connection.collection('jobAlerts').insertMany(
      users.map((u) => ({
        userId: u._id,
        schoolId,
        name: 'Usinage près de chez moi',
        filter: {
          trade: 'MACHINING',
          contractType: null,
          text: 'tournage',
          near: { lat: 45.75, lng: 4.85, radiusKm: 50 },
        },
        createdAt: new Date(),
      })),
    );
    const draft = await t.ok<{ createJobPromise: { id: string } }>(
      `mutation($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }`,
      { input: promiseInput({ title: 'Tourneur·se fraiseur·se CN' }) },
      company.token,
    );
    const baseline = await storedCount(dir);

    const started = performance.now();
    await t.ok(
      `mutation($id: ID!) { publishJobPromise(id: $id) { id } }`,
      { id: draft.createJobPromise.id },
      company.token,
    );
    const queuedMs = performance.now() - started;
    const queued = await t.connection.collection('mailOutbox').countDocuments({ template: 'notification' });
    let count = 0;
    while ((count = (await storedCount(dir)) - baseline) < STUDENTS) {
      if (performance.now() - started > 600_000) throw new Error(`only ${count} of ${STUDENTS} accepted in 10 min`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const acceptedMs = performance.now() - started;
    const notified = await t.connection.collection('notifications').countDocuments({ type: 'JOB_ALERT_MATCH' });

    console.log(`alerts: one promise published, matching the saved searches of ${STUDENTS} students`);
    console.log(`  notifications stored / e-mails queued           ${notified} / ${queued}`);
    console.log(`  time to queue (publishJobPromise answered)      ${queuedMs.toFixed(0).padStart(7)} ms`);
    console.log(`  time until the last e-mail was accepted         ${acceptedMs.toFixed(0).padStart(7)} ms`);
    console.log(
      `  throughput                                      ${((STUDENTS / acceptedMs) * 1000).toFixed(0).padStart(7)} mails/s`,
    );
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
