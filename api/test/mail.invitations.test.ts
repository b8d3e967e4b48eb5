import {
  createAdmin,
  createSchool,
  createStaff,
  PASSWORD,
  unique,
  withTestApp,
  type Actor,
  type TestApp,
} from './helpers';
import { linkIn, mailsTo } from './mail.harness';

// Invitations by e-mail, over real SMTP to the in-process server: the stored message's link carries the code that
// signs the invitee up; the inviter lists, resends (new code: the old link stops working) and revokes.

let t: TestApp;
let dir: string;
let admin: Actor;

withTestApp(createAdmin, (app) => ({ t, dir, fixtures: admin } = app));

const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code email } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { email role } } }`;
const PENDING = `{ pendingInvitations { id email role expired sentCount } }`;

function codeOf(link: string): string {
  return decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));
}

test('staff invite a student by e-mail: the link in the stored message signs them up', async () => {
  const school = await createSchool(t, admin, { name: 'École de Production de l’Eure' });
  const staff = await createStaff(t, admin, school.id);
  const email = `${unique('eleve')}@promesse.test`;
  const invited = await t.ok<{ inviteUser: { code: string } }>(
    INVITE,
    { input: { email, role: 'STUDENT' } },
    staff.token,
  );

  const [mail] = await mailsTo(dir, email);
  expect(mail?.subject).toMatch(/vous invite sur Promesse$/);
  expect(mail?.text).toContain('École de Production de l’Eure');
  expect(mail?.text).toContain('en tant que élève');
  const link = linkIn(mail?.text ?? '', `${t.env.PUBLIC_URL}/invitation/`);
  expect(codeOf(link)).toBe(invited.inviteUser.code);
  expect(mail?.html).toContain(`href="${link}"`);

  const pending = await t.ok<{ pendingInvitations: { email: string; sentCount: number }[] }>(PENDING, {}, staff.token);
  expect(pending.pendingInvitations).toEqual(
    expect.arrayContaining([expect.objectContaining({ email, sentCount: 1 })]),
  );

  const accepted = await t.ok<{ acceptInvitation: { user: { email: string; role: string } } }>(ACCEPT, {
    input: { code: codeOf(link), password: PASSWORD, firstName: 'Lina', lastName: 'Martin' },
  });
  expect(accepted.acceptInvitation.user).toEqual({ email, role: 'STUDENT' });
  const after = await t.ok<{ pendingInvitations: { email: string }[] }>(PENDING, {}, staff.token);
  expect(after.pendingInvitations.map((i) => i.email)).not.toContain(email);
});

test('resend sends a new code (the old one stops working); revoke withdraws; English inviters write in English', async () => {
  await t.ok(`mutation { setMyLocale(locale: en) { id } }`, {}, admin.token);
  const school = await createSchool(t, admin);
  const email = `${unique('staff')}@promesse.test`;
  await t.ok(INVITE, { input: { email, role: 'SCHOOL_STAFF', schoolId: school.id } }, admin.token);
  const [first] = await mailsTo(dir, email);
  expect(first?.subject).toMatch(/invites you to Promesse$/);
  expect(first?.text).toContain('as a staff member');
  const firstCode = codeOf(linkIn(first?.text ?? '', `${t.env.PUBLIC_URL}/invitation/`));

  const { pendingInvitations } = await t.ok<{ pendingInvitations: { id: string; email: string }[] }>(
    PENDING,
    {},
    admin.token,
  );
  const id = pendingInvitations.find((i) => i.email === email)?.id;
  const resent = await t.ok<{ resendInvitation: { code: string } }>(
    `mutation($id: ID!) { resendInvitation(id: $id) { code } }`,
    { id },
    admin.token,
  );
  const mails = await mailsTo(dir, email, 2);
  const codes = mails.map((m) => codeOf(linkIn(m.text, `${t.env.PUBLIC_URL}/invitation/`)));
  expect(codes).toContain(resent.resendInvitation.code);
  expect(codes).toContain(firstCode);
  expect(resent.resendInvitation.code).not.toBe(firstCode);

  const names = { password: PASSWORD, firstName: 'Sam', lastName: 'Lee' };
  expect(await t.code(ACCEPT, { input: { code: firstCode, ...names } })).toBe('NOT_FOUND');

  await t.ok(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id }, admin.token);
  const revoked = await t.gql(ACCEPT, { input: { code: resent.resendInvitation.code, ...names } });
  expect(revoked.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(revoked.errors?.[0]?.message).toBe('Cette invitation a été retirée\u00a0: demandez-en une nouvelle');
  expect(await t.code(`mutation($id: ID!) { resendInvitation(id: $id) { code } }`, { id }, admin.token)).toBe(
    'NOT_FOUND',
  );
});

test('another school’s staff can neither see, resend nor revoke an invitation', async () => {
  const [schoolA, schoolB] = [await createSchool(t, admin), await createSchool(t, admin)];
  const [staffA, staffB] = [await createStaff(t, admin, schoolA.id), await createStaff(t, admin, schoolB.id)];
  const email = `${unique('eleve')}@promesse.test`;
  await t.ok(INVITE, { input: { email, role: 'STUDENT' } }, staffA.token);
  const { pendingInvitations } = await t.ok<{ pendingInvitations: { id: string; email: string }[] }>(
    PENDING,
    {},
    staffA.token,
  );
  const id = pendingInvitations.find((i) => i.email === email)?.id;
  const other = await t.ok<{ pendingInvitations: { email: string }[] }>(PENDING, {}, staffB.token);
  expect(other.pendingInvitations.map((i) => i.email)).not.toContain(email);
  expect(await t.code(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id }, staffB.token)).toBe(
    'NOT_FOUND',
  );
});
