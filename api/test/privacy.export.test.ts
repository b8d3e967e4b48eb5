import { ObjectId } from 'mongodb';
import yauzl from 'yauzl';
import { createStudent, createWorld, snapshotDatabase, startTestApp, type TestApp, type World } from './helpers';
import { markedPdf, richStudent, SEND, type RichStudent } from './privacy.fixtures';
import { apply, openPromise } from './marketplace.fixtures';

// Export (issue 18): a ZIP of JSON documents and the original files, with everything the platform holds about the
// person and nothing of anyone else; the student and their school's staff only.

jest.setTimeout(180_000);

let t: TestApp;
let w: World;
let s: RichStudent;
let other: Awaited<ReturnType<typeof createStudent>>;

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
  s = await richStudent(t, w);
  // Another student of the same school, applying to the same promise and writing in their own thread: none of it
  // may appear in s's export.
  other = await createStudent(t, w.staffA, {}, { firstName: 'Octave', lastName: 'Autrelève' });
  const jp = await openPromise(t, w.companyA);
  const app = await apply(t, other, jp.id, 'Message de Octave Autrelève');
  await t.ok(SEND, { input: { applicationId: app.id, body: 'Bonjour Octave Autrelève' } }, w.companyA.token);
});
afterAll(async () => {
  await t?.close();
});

async function download(path: string, token?: string) {
  const res = await fetch(`${t.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

/** Every entry of a ZIP: name -> bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const json = (entries: Map<string, Buffer>, name: string) => JSON.parse(entries.get(name)?.toString('utf8') ?? 'null');

describe('a student exports their data', () => {
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    const res = await download('/privacy/export', s.token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/zip');
    expect(res.disposition).toMatch(/^attachment; filename="promesse-donnees-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(res.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    entries = await unzip(res.bytes);
  });

  it('holds one JSON document per kind of record', () => {
    expect([...entries.keys()].filter((n) => n.endsWith('.json')).sort()).toEqual([
      'account.json',
      'applications.json',
      'files.json',
      'interviews.json',
      'job-alerts.json',
      'messages.json',
      'notifications.json',
      'outcomes.json',
      'profile-views.json',
      'profile.json',
      'recommendations.json',
    ]);
  });

  it('contains the profile, the account (without the password hash) and the contact details', () => {
    const profile = json(entries, 'profile.json');
    expect(profile).toMatchObject({
      _id: s.studentId,
      firstName: s.firstName,
      lastName: s.lastName,
      email: s.email,
      phone: s.phone,
      city: s.city,
      schoolName: w.schoolA.name,
    });
    const account = json(entries, 'account.json');
    expect(account.user).toMatchObject({ _id: s.userId, email: s.email, role: 'STUDENT' });
    expect(JSON.stringify(account)).not.toMatch(/passwordHash|tokenHash|argon2/);
    expect(account.sessions.length).toBeGreaterThan(0);
  });

  it('contains the applications with their history, the recommendation, messages, outcomes, alerts', () => {
    const applications = json(entries, 'applications.json');
    expect(applications.map((a: { _id: string }) => a._id).sort()).toEqual(
      [s.hiredApplicationId, s.openApplicationId].sort(),
    );
    const hired = applications.find((a: { _id: string }) => a._id === s.hiredApplicationId);
    expect(hired.status).toBe('HIRED');
    expect(hired.companyName).toBe(w.companyA.companyName);
    expect(hired.history.map((h: { to: string }) => h.to)).toEqual([
      'SUBMITTED',
      'SHORTLISTED',
      'INTERVIEW',
      'OFFERED',
      'HIRED',
    ]);
    expect(hired.message).toContain(s.lastName);
    const recommendations = json(entries, 'recommendations.json');
    expect(recommendations).toEqual([
      expect.objectContaining({ _id: s.recommendationId, note: `${s.firstName} est rigoureuse.` }),
    ]);
    const messages = json(entries, 'messages.json');
    expect(messages.map((m: { authorSide: string }) => m.authorSide)).toEqual(['COMPANY', 'STUDENT']);
    expect(messages[1].attachments).toEqual([expect.objectContaining({ name: 'lettre.pdf' })]);
    const outcomes = json(entries, 'outcomes.json');
    expect(outcomes.exitOutcomes).toEqual([
      expect.objectContaining({ outcome: 'EMPLOYED', source: 'APPLICATION_HIRED' }),
    ]);
    expect(outcomes.examResults).toEqual([expect.objectContaining({ diploma: 'CAP', passed: true })]);
    expect(outcomes.ledger).toEqual([expect.objectContaining({ source: 'APPLICATION_OFFER' })]);
    expect(json(entries, 'job-alerts.json')).toEqual([expect.objectContaining({ name: 'Soudure près de chez moi' })]);
    const notifications = json(entries, 'notifications.json');
    expect(notifications.length).toBeGreaterThan(0);
    expect(notifications.every((n: { userId: string }) => n.userId === s.userId)).toBe(true);
    expect(notifications[0].text.title).toEqual(expect.any(String));
  });

  it('contains the original files, byte for byte', () => {
    const files = json(entries, 'files.json');
    expect(files.map((f: { purpose: string }) => f.purpose).sort()).toEqual(['ATTACHMENT', 'CV']);
    const cv = files.find((f: { purpose: string }) => f.purpose === 'CV');
    expect(entries.get(cv.path)?.equals(markedPdf(s.cvMarker))).toBe(true);
    const attachment = files.find((f: { purpose: string }) => f.purpose === 'ATTACHMENT');
    expect(entries.get(attachment.path)?.equals(markedPdf(s.attachmentMarker))).toBe(true);
    expect([...entries.keys()].filter((n) => n.startsWith('files/'))).toHaveLength(2);
  });

  it('contains nothing of anyone else: no other student, no other school’s data', () => {
    const all = [...entries.values()].map((b) => b.toString('latin1')).join('\n');
    for (const foreign of [
      'Octave',
      'Autrelève',
      other.email,
      other.studentId,
      w.studentA.email,
      w.studentA.lastName,
      w.studentB.email,
      w.studentB.lastName,
      w.staffA.email,
      w.companyA.email,
      w.schoolB.name,
    ]) {
      expect(all).not.toContain(foreign);
    }
  });
});

describe('who may export', () => {
  it('the staff of the student’s school get the same archive; nobody else does, and nothing is written', async () => {
    const path = `/privacy/export/students/${s.studentId}`;
    const staff = await download(path, w.staffA.token);
    expect(staff.status).toBe(200);
    const entries = await unzip(staff.bytes);
    expect(json(entries, 'profile.json')).toMatchObject({ _id: s.studentId, email: s.email });
    expect((await download(path, s.token)).status).toBe(200);

    const before = await snapshotDatabase(t.connection);
    for (const token of [w.staffB.token, w.companyA.token, w.companyB.token, w.admin.token, w.studentA.token]) {
      const res = await download(path, token);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.bytes.toString('utf8')).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const anonymous = await download(path);
    expect(anonymous.status).toBe(401);
    expect((await download('/privacy/export')).status).toBe(401);
    expect((await download(`/privacy/export/students/${new ObjectId().toHexString()}`, w.staffA.token)).status).toBe(
      404,
    );
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });

  it('a recruiter exports their own account and notifications only', async () => {
    const res = await download('/privacy/export', w.companyA.token);
    expect(res.status).toBe(200);
    const entries = await unzip(res.bytes);
    expect(json(entries, 'account.json').user).toMatchObject({ _id: w.companyA.userId, email: w.companyA.email });
    expect(entries.has('profile.json')).toBe(false);
  });
});
