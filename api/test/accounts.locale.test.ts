import { createNotifications } from '../src/modules/notification/notification.queries';
import { createWorld, errorCode, startTestApp, type TestApp, type World } from './helpers';
import { RealtimeTestClient } from './realtime.test-client';

const SET_LOCALE = `mutation($locale: Locale!) { setMyLocale(locale: $locale) { id locale } }`;
const ME = `{ me { id locale } }`;
const REQUEST = `mutation($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id } }`;
const NOTIFS = `{ notifications(first: 50) { edges { node { id type title body } } } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`;

describe('accounts: each user reads errors and notifications in their language', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.realtime.ready;
    w = await createWorld(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('French by default; setMyLocale stores the choice for the signed-in user only', async () => {
    expect((await t.ok<any>(ME, undefined, w.companyA.token)).me.locale).toBe('fr');
    expect((await t.ok<any>(SET_LOCALE, { locale: 'en' }, w.companyA.token)).setMyLocale).toEqual({
      id: w.companyA.userId,
      locale: 'en',
    });
    expect((await t.ok<any>(ME, undefined, w.companyA.token)).me.locale).toBe('en');
    expect((await t.ok<any>(ME, undefined, w.companyB.token)).me.locale).toBe('fr');
    expect(errorCode(await t.gql(SET_LOCALE, { locale: 'en' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(SET_LOCALE, { locale: 'de' }, w.companyB.token))).toBe('BAD_USER_INPUT');
  });

  it('an English user gets English errors (CONFLICT) and notifications; a French user today’s French', async () => {
    const en = await t.gql(REQUEST, { schoolId: w.schoolA.id }, w.companyA.token);
    expect(en.errors?.[0]).toMatchObject({
      message: 'This partnership is already approved',
      extensions: { code: 'CONFLICT', reason: 'company.partnershipApproved' },
    });
    const fr = await t.gql(REQUEST, { schoolId: w.schoolB.id }, w.companyB.token);
    expect(fr.errors?.[0]).toMatchObject({
      message: 'Ce partenariat est déjà approuvé',
      extensions: { code: 'CONFLICT', reason: 'company.partnershipApproved' },
    });

    // The world's partnership approvals notified both companies: same stored data, each in its reader's language.
    const decided = (token: string) =>
      t
        .ok<any>(NOTIFS, undefined, token)
        .then((d) => d.notifications.edges.map((e: any) => e.node).find((n: any) => n.type === 'PARTNERSHIP_DECIDED'));
    expect(await decided(w.companyA.token)).toMatchObject({
      title: 'Partnership approved',
      body: `${w.schoolA.name} approved your partnership. You can now post job promises for its students.`,
    });
    expect(await decided(w.companyB.token)).toMatchObject({
      title: 'Partenariat accepté',
      body: `${w.schoolB.name} a accepté votre partenariat. Vous pouvez publier des promesses pour ses élèves.`,
    });
  });

  it('pushes live notifications in the recipient’s language, following a change of language at once', async () => {
    const client = await RealtimeTestClient.connect(t.url, w.companyA.token);
    try {
      const push = async (marker: string) => {
        await createNotifications(t.deps, null, [
          { userId: w.companyA.userId, type: 'PARTNERSHIP_REQUESTED', data: { companyName: marker, schoolName: 'EP' } },
        ]);
        return client.waitFor((n) => n.data['companyName'] === marker, marker);
      };
      expect(await push('Usinage EN')).toMatchObject({
        title: 'Partnership request',
        body: 'Usinage EN asks to partner with EP.',
      });
      await t.ok(SET_LOCALE, { locale: 'fr' }, w.companyA.token);
      // The user document's change reaches the feed before a notification committed after it.
      await expect(push('Usinage FR')).resolves.toMatchObject({
        title: 'Demande de partenariat',
        body: 'Usinage FR demande à devenir partenaire d’EP.',
      });
    } finally {
      client.close();
    }
  });

  it('words anonymous errors in the browser’s language (Accept-Language)', async () => {
    const logIn = (acceptLanguage: string) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage },
        body: JSON.stringify({
          query: LOG_IN,
          variables: { email: 'nobody@promesse.test', password: 'wrong-password' },
        }),
      }).then((res) => res.json() as Promise<{ errors?: { message: string }[] }>);
    expect((await logIn('en-GB,en;q=0.9')).errors?.[0]?.message).toBe('Wrong e-mail or password');
    expect((await logIn('fr-FR,fr;q=0.9,en;q=0.5')).errors?.[0]?.message).toBe('E-mail ou mot de passe incorrect');
  });
});
