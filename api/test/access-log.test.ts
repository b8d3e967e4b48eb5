import { createStudent, createWorld, startTestApp, type StudentFixture, type TestApp, type World } from './helpers';
import { apply, openPromise } from './marketplace.fixtures';

// Issue 18: each time a company user sees a student's contact details (e-mail, phone) or downloads their CV, the
// access log records who (and their company), which student, what and when: once per request and student, one entry
// per viewer, kind and day. The student and their school's staff read it (profileViews); nobody else.

jest.setTimeout(120_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const CONTACT = `query($id: ID!) { student(id: $id) { email phone } }`;
const VIEWS = `query($id: ID) { profileViews(studentId: $id) { kind viewerName companyName count firstViewedAt lastViewedAt } }`;

type View = { kind: string; viewerName: string | null; companyName: string | null; count: number };

let t: TestApp;
let w: World;
let student: StudentFixture;
let cvUrl: string;

const entries = () => t.connection.collection('accessLogs').find({}).toArray();

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
  student = await createStudent(t, w.staffA, { phone: '06 12 34 56 78' }, { firstName: 'Inès' });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'cv.pdf');
  const res = await fetch(`${t.url}/files?purpose=CV`, {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${student.token}` },
  });
  cvUrl = ((await res.json()) as { url: string }).url;
});

afterAll(async () => {
  await t?.close();
});

const views = async (token: string, id?: string) =>
  (await t.ok<{ profileViews: View[] }>(VIEWS, { id }, token)).profileViews;

test('a company that sees no contact details (limited view) is not recorded', async () => {
  const res = await t.ok<{ student: { email: string | null } }>(CONTACT, { id: student.studentId }, w.companyA.token);
  expect(res.student.email).toBeNull();
  expect(await entries()).toEqual([]);
});

test('staff reading the contact details are not recorded: the log is about companies', async () => {
  const res = await t.ok<{ student: { email: string } }>(CONTACT, { id: student.studentId }, w.staffA.token);
  expect(res.student.email).toBe(student.email);
  expect(await entries()).toEqual([]);
});

test('contact details seen by a company: one entry per request and student, whatever the fields and rows', async () => {
  const jp = await openPromise(t, w.companyA);
  await apply(t, student, jp.id);
  // The same student three times in one request (aliases, and the applications list): one write.
  const many = `query($id: ID!, $jp: ID!) {
    a: student(id: $id) { email phone }
    b: student(id: $id) { email }
    jobPromise(id: $jp) { applications { student { email phone } } }
  }`;
  const res = await t.ok<any>(many, { id: student.studentId, jp: jp.id }, w.companyA.token);
  expect(res.a).toEqual({ email: student.email, phone: '06 12 34 56 78' });
  let log = await entries();
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ kind: 'CONTACT', count: 1 });
  expect(String(log[0]?.['viewerId'])).toBe(w.companyA.userId);
  expect(String(log[0]?.['companyId'])).toBe(w.companyA.companyId);
  expect(String(log[0]?.['studentId'])).toBe(student.studentId);
  expect(String(log[0]?.['schoolId'])).toBe(w.schoolA.id);
  // Another request the same day: the same entry, counted.
  await t.ok(CONTACT, { id: student.studentId }, w.companyA.token);
  log = await entries();
  expect(log).toHaveLength(1);
  expect(log[0]?.['count']).toBe(2);
  expect((log[0]?.['lastAt'] as Date).getTime()).toBeGreaterThanOrEqual((log[0]?.['firstAt'] as Date).getTime());
});

test('a CV downloaded by a company is recorded; by the student or staff it is not', async () => {
  for (const token of [student.token, w.staffA.token]) {
    expect((await fetch(`${t.url}${cvUrl}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  }
  expect((await entries()).filter((e) => e['kind'] === 'CV')).toEqual([]);
  const res = await fetch(`${t.url}${cvUrl}`, { headers: { Authorization: `Bearer ${w.companyA.token}` } });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  // A company that may not read it (403) is not recorded either.
  expect((await fetch(`${t.url}${cvUrl}`, { headers: { Authorization: `Bearer ${w.companyB.token}` } })).status).toBe(
    403,
  );
  const cv = (await entries()).filter((e) => e['kind'] === 'CV');
  expect(cv).toHaveLength(1);
  expect(String(cv[0]?.['viewerId'])).toBe(w.companyA.userId);
});

test('the student and their school’s staff see who viewed; nobody else', async () => {
  const own = await views(student.token);
  expect(own.map((v) => [v.kind, v.companyName, v.count]).sort()).toEqual([
    ['CONTACT', w.companyA.companyName, 2],
    ['CV', w.companyA.companyName, 1],
  ]);
  expect(own.every((v) => typeof v.viewerName === 'string' && v.viewerName.length > 0)).toBe(true);
  expect(await views(w.staffA.token, student.studentId)).toEqual(own);

  const refused = async (token: string | undefined, id?: string) =>
    t.code(VIEWS, { id: id ?? student.studentId }, token);
  expect(await refused(w.staffB.token)).toBe('FORBIDDEN');
  expect(await refused(w.companyA.token)).toBe('FORBIDDEN');
  expect(await refused(w.admin.token)).toBe('FORBIDDEN');
  expect(await refused(w.studentB.token)).toBe('FORBIDDEN');
  expect(await refused(undefined)).toBe('UNAUTHENTICATED');
  // Another student's own list is their own (empty here).
  expect(await views(w.studentB.token)).toEqual([]);
});
