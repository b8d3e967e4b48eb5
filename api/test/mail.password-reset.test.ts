import {
  createAdmin,
  createSchool,
  createStaff,
  logIn,
  PASSWORD,
  withTestApp,
  type Actor,
  type TestApp,
} from './helpers';
import { linkIn, mailsTo, mailWithSubject, waitForMails } from './mail.harness';

// Password reset over real SMTP to the in-process server: same answer for known and unknown addresses, a single-use
// link valid one hour, every session ended after the reset, and a confirmation e-mail.

let t: TestApp;
let dir: string;
let admin: Actor;

withTestApp(createAdmin, (app) => ({ t, dir, fixtures: admin } = app));

const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`;
const NEW_PASSWORD = 'a-brand-new-password-42';

function tokenOf(text: string, publicUrl: string): string {
  const link = linkIn(text, `${publicUrl}/mot-de-passe/nouveau#`);
  return link.slice(link.indexOf('#') + 1);
}

test('a reset link e-mailed to the account works once; sessions end; the old password stops working', async () => {
  const school = await createSchool(t, admin);
  const staff = await createStaff(t, admin, school.id);
  const before = await t.gql(`{ me { id } }`, {}, staff.token);
  expect(before.errors).toBeUndefined();

  const unknown = await t.gql(REQUEST, { email: 'nobody-here@promesse.test' });
  const known = await t.gql(REQUEST, { email: staff.email });
  expect(known).toEqual(unknown);
  expect(known.data).toEqual({ requestPasswordReset: true });

  const mail = await mailWithSubject(dir, staff.email, 'Réinitialisation de votre mot de passe');
  expect(mail?.text).toContain('valable une heure');
  const token = tokenOf(mail?.text ?? '', t.env.PUBLIC_URL);

  expect(await t.ok(RESET, { token, password: NEW_PASSWORD })).toEqual({ resetPassword: true });
  // Every session of the account ended.
  expect(await t.code(`query { pendingInvitations { id } }`, {}, staff.token)).toBe('UNAUTHENTICATED');
  expect(await logIn(t, staff.email, NEW_PASSWORD)).toEqual(expect.any(String));
  expect(
    await t.code(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, {
      e: staff.email,
      p: PASSWORD,
    }),
  ).toBe('UNAUTHENTICATED');

  // Single use.
  const again = await t.gql(RESET, { token, password: 'yet-another-password-1' });
  expect(again.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(again.errors?.[0]?.message).toBe(
    'Ce lien de réinitialisation n’est plus valable\u00a0: demandez-en un nouveau',
  );

  const confirmation = await mailWithSubject(dir, staff.email, 'Votre mot de passe a été modifié');
  expect(confirmation?.text).toContain('toutes vos sessions ont été fermées');

  // Nothing was sent to the unknown address.
  const all = await waitForMails(dir, () => true);
  expect(all.some((m) => m.to.includes('nobody-here@promesse.test'))).toBe(false);
});

test('an expired link is refused', async () => {
  await t.ok(REQUEST, { email: admin.email });
  const [mail] = await mailsTo(dir, admin.email);
  const token = tokenOf(mail?.text ?? '', t.env.PUBLIC_URL);
  await t.connection
    .collection('passwordResets')
    .updateMany({ usedAt: null }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await t.code(RESET, { token, password: NEW_PASSWORD })).toBe('BAD_USER_INPUT');
  expect(await logIn(t, admin.email)).toEqual(expect.any(String));
});
