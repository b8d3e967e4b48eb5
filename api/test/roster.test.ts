import {
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  snapshotDatabase,
  startTestApp,
  unique,
  type StaffFixture,
  type TestApp,
} from './helpers';

// importStudents over real HTTP: preview, per-line problems, nothing written on error, one invitation per line.

const IMPORT = `mutation($input: ImportStudentsInput!) {
  importStudents(input: $input) {
    lines { line email firstName lastName }
    problems { line message reason }
    imported { code expiresAt student { line email firstName } }
  }
}`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { role email } } }`;

let t: TestApp;
let staff: StaffFixture;
let otherStaff: StaffFixture;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await createAdmin(t);
  staff = await createStaff(t, admin, (await createSchool(t, admin)).id);
  otherStaff = await createStaff(t, admin, (await createSchool(t, admin)).id);
}, 60_000);
afterAll(async () => {
  await t.close();
});

function csvOf(n: number, domain = unique('d')): { csv: string; emails: string[] } {
  const emails = Array.from({ length: n }, (_, i) => `eleve${i + 1}@${domain}.test`);
  const csv = ['email;prénom;nom', ...emails.map((e, i) => `${e};Prénom${i + 1};Nom${i + 1}`)].join('\n');
  return { csv, emails };
}

async function importCsv(csv: string, dryRun?: boolean, token = staff.token) {
  const data = await t.ok<{ importStudents: any }>(IMPORT, { input: { csv, dryRun } }, token);
  return data.importStudents;
}

describe('importStudents', () => {
  it('previews 30 students without writing anything', async () => {
    const { csv, emails } = csvOf(30);
    const before = await snapshotDatabase(t.connection);
    const preview = await importCsv(csv, true);
    expect(preview.lines.map((l: any) => l.email)).toEqual(emails);
    expect(preview.lines[0]).toEqual({ line: 2, email: emails[0], firstName: 'Prénom1', lastName: 'Nom1' });
    expect(preview.problems).toEqual([]);
    expect(preview.imported).toEqual([]);
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });

  it('with 2 bad lines, answers each line’s problem and writes nothing; fixed, imports all 30', async () => {
    const { csv, emails } = csvOf(30);
    const lines = csv.split('\n');
    lines[5] = 'pas-une-adresse;Ana;Lopez';
    lines[12] = `${emails[0]};Doublon;Doublon`;
    const before = await snapshotDatabase(t.connection);
    const refused = await importCsv(lines.join('\n'));
    expect(refused.problems).toEqual([
      { line: 6, reason: 'roster.import.emailInvalid', message: 'Adresse e-mail invalide\u00a0: pas-une-adresse' },
      { line: 13, reason: 'roster.import.duplicateInFile', message: 'Adresse déjà présente ligne 2' },
    ]);
    expect(refused.imported).toEqual([]);
    expect(await snapshotDatabase(t.connection)).toEqual(before);

    const done = await importCsv(csv);
    expect(done.problems).toEqual([]);
    expect(done.imported).toHaveLength(30);
    expect(done.imported.map((i: any) => i.student.email)).toEqual(emails);
    // Each invitation works: the student creates their account in the school.
    const first = done.imported[0];
    const accepted = await t.ok<{ acceptInvitation: { user: { role: string; email: string } } }>(ACCEPT, {
      input: { code: first.code, password: 'correct-horse-battery', firstName: 'Prénom1', lastName: 'Nom1' },
    });
    expect(accepted.acceptInvitation.user).toEqual({ role: 'STUDENT', email: emails[0] });

    // The same file again: every address is now taken or invited; nothing written.
    const again = await importCsv(csv, true);
    expect(again.problems[0]).toMatchObject({ line: 2, reason: 'roster.import.emailTaken' });
    expect(again.problems[1]).toMatchObject({ line: 3, reason: 'roster.import.alreadyInvited' });
    expect(again.problems).toHaveLength(30);
  });

  it('refuses an address that already has an account, and a file without e-mails', async () => {
    const student = await createStudent(t, otherStaff);
    const refused = await importCsv(`email\n${student.email}`);
    expect(refused.problems).toEqual([
      { line: 2, reason: 'roster.import.emailTaken', message: 'Un compte existe déjà avec cette adresse' },
    ]);
    const noEmail = await importCsv('nom;prénom\nMoreau;Emma');
    expect(noEmail.problems[0]).toMatchObject({ line: 0, reason: 'roster.import.noEmailColumn' });
  });

  it('is for school staff only', async () => {
    const res = await t.gql(IMPORT, { input: { csv: 'a@b.fr' } });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const student = await createStudent(t, staff);
    const asStudent = await t.gql(IMPORT, { input: { csv: 'a@b.fr' } }, student.token);
    expect(asStudent.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
