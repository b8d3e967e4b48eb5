import { createStudent, createWorld, startTestApp, type StudentFixture, type TestApp, type World } from './helpers';
import { apply, openPromise, type PromiseFixture } from './marketplace.fixtures';

// Issue 18: a student may hide their profile from the companies' matching and browsing (hiddenFromMatching). Hidden,
// they are in no company's matchingGraduates and a partner company cannot look them up; they still apply, and the
// company then sees them on the application as before. Staff (and the admin) still see them.

jest.setTimeout(120_000);

const GRADUATES = `query($id: ID!) { matchingGraduates(jobPromiseId: $id, first: 50) { student { id } } }`;
const SET_HIDDEN = `mutation($hidden: Boolean!) { setHiddenFromMatching(hidden: $hidden) { id hiddenFromMatching } }`;
const LOOK_UP = `query($id: ID!) { student(id: $id) { id hiddenFromMatching email } }`;

let t: TestApp;
let w: World;
let student: StudentFixture;
let other: StudentFixture;
let jp: PromiseFixture;

const graduateIds = async (token: string) =>
  (await t.ok<{ matchingGraduates: { student: { id: string } }[] }>(GRADUATES, { id: jp.id }, token)).matchingGraduates
    .map((m) => m.student.id)
    .sort();

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
  student = await createStudent(t, w.staffA, {}, { firstName: 'Inès' });
  other = await createStudent(t, w.staffA, {}, { firstName: 'Hugo' });
  jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id] });
});

afterAll(async () => {
  await t?.close();
});

test('visible by default: the company matches and looks the student up', async () => {
  expect(await graduateIds(w.companyA.token)).toEqual(expect.arrayContaining([student.studentId, other.studentId]));
  const me = await t.ok<any>(`{ myStudentProfile { hiddenFromMatching } }`, {}, student.token);
  expect(me.myStudentProfile.hiddenFromMatching).toBe(false);
  expect(await t.code(LOOK_UP, { id: student.studentId }, w.companyA.token)).toBeUndefined();
});

test('only the student sets it, for themselves', async () => {
  for (const token of [w.staffA.token, w.companyA.token, w.admin.token]) {
    expect(await t.code(SET_HIDDEN, { hidden: true }, token)).toBe('FORBIDDEN');
  }
  expect(await t.code(SET_HIDDEN, { hidden: true }, undefined)).toBe('UNAUTHENTICATED');
  const res = await t.ok<any>(SET_HIDDEN, { hidden: true }, student.token);
  expect(res.setHiddenFromMatching).toEqual({ id: student.studentId, hiddenFromMatching: true });
});

test('hidden: out of the company’s matching and look-ups; staff and the admin still see them', async () => {
  const company = await graduateIds(w.companyA.token);
  expect(company).not.toContain(student.studentId);
  expect(company).toContain(other.studentId);
  expect(await graduateIds(w.staffA.token)).toContain(student.studentId);
  expect(await graduateIds(w.admin.token)).toContain(student.studentId);
  expect(await t.code(LOOK_UP, { id: student.studentId }, w.companyA.token)).toBe('FORBIDDEN');
  const staffView = await t.ok<any>(LOOK_UP, { id: student.studentId }, w.staffA.token);
  expect(staffView.student.hiddenFromMatching).toBe(true);
});

test('hidden, the student still applies; the company sees them on the application, not in matching', async () => {
  const application = await apply(t, student, jp.id);
  const res = await t.ok<any>(
    `query($id: ID!) { application(id: $id) { student { id email } } }`,
    { id: application.id },
    w.companyA.token,
  );
  expect(res.application.student).toEqual({ id: student.studentId, email: student.email });
  const looked = await t.ok<any>(LOOK_UP, { id: student.studentId }, w.companyA.token);
  // The company knows the student now; whether they hide from matching is not its business.
  expect(looked.student).toEqual({ id: student.studentId, hiddenFromMatching: null, email: student.email });
  expect(await graduateIds(w.companyA.token)).not.toContain(student.studentId);
});

test('shown again: back in the company’s matching', async () => {
  await t.ok(SET_HIDDEN, { hidden: false }, student.token);
  expect(await graduateIds(w.companyA.token)).toContain(student.studentId);
});
