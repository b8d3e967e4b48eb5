import type { Page } from 'playwright-core';
import { checkBothWidths, expectNoSeriousA11yViolations, graphqlRequest, pickTown, screenshot } from './harness';
import { dayFromNow, e2eSuite } from './harness.suite';

// The marketplace's four flows across separate browser contexts (one per person), on the demo data set:
// (a) a company posts and publishes a promise, (b) a student applies, (c) the school staff recommends a graduate
// through the school pages, (d) the graduate's bell updates without a reload and the notification opens the
// recommendations page. Every step drives the UI; GraphQL only sets up side requests (a partnership request).
// Plus accessibility and layout checks of the school, federation and notifications pages.

const PASSWORD = 'promesse-demo-2026';
const COMPANY = 'recrutement@chaudronnerie-chalonnais.demo';
const STAFF = 'staff.chalon@promesse.demo';
const STUDENT = 'lina.martin@eleve.promesse.demo';
const GRADUATE = 'yanis.bernard@eleve.promesse.demo';
const ADMIN = { email: 'admin@promesse.demo', password: 'promesse-admin-2026' };
const PROMISE_TITLE = 'Soudeur·se inox en CDI — parcours e2e';

const e2e = e2eSuite({ seedDemo: true });

const token = (email: string, password = PASSWORD) => e2e.token({ email, password });

/** A new browser context (own storage, own session) logged in through the log-in page. */
const signedInPage = (email: string, password: string, landing: string) =>
  e2e.signedInPage({ email, password }, landing);

/** Unread count from the bell's accessible name ("Notifications, 3 non lues" / "aucune non lue"). */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications, / });
  await bell.waitFor();
  const label = (await bell.getAttribute('aria-label')) ?? '';
  const match = /(\d+) non lue/.exec(label);
  return match ? Number(match[1]) : 0;
}

test('company publishes, student applies, school recommends through the UI, graduate notified live', async () => {
  // (a) The company posts a draft and publishes it, in its own browser context (company pages).
  const company = await signedInPage(COMPANY, PASSWORD, '/entreprise');
  await company.getByRole('link', { name: 'Nouvelle promesse' }).click();
  await company.waitForURL('**/entreprise/promesses/nouvelle');
  await company.getByLabel('Intitulé du poste').fill(PROMISE_TITLE);
  await company
    .getByLabel('Description du poste')
    .fill('Soudure TIG de cuves inox pour l’agroalimentaire, en équipe de quatre, tutorat la première année.');
  await company.getByLabel('Métier', { exact: true }).selectOption('WELDING');
  await company.getByLabel('Type de contrat').selectOption('CDI');
  await company.getByLabel('Nombre de postes').fill('2');
  await company.getByLabel('Compétences recherchées').fill('soudure TIG, inox');
  await pickTown(company, 'Ville du poste', 'chalon sur', 'Chalon-sur-Saône');
  await company.getByLabel('Date de début').fill(dayFromNow(30));
  await company.getByLabel('Candidatures jusqu’au').fill(dayFromNow(90));
  await company
    .getByRole('group', { name: 'Écoles visées' })
    .getByRole('checkbox', { name: /Chalon-sur-Saône/ })
    .check();
  await company.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await company.waitForURL(/\/entreprise\/promesses\/[0-9a-f]{24}$/);
  const promiseId = company.url().split('/').pop() ?? '';
  await company.getByRole('button', { name: 'Publier' }).click();
  await company.getByTestId('promise-status').filter({ hasText: 'Ouverte' }).waitFor();

  // (b) A student applies from the promise page, in another context (student pages).
  const student = await signedInPage(STUDENT, PASSWORD, '/eleve');
  await student.goto(`/eleve/promesses/${promiseId}`);
  await student.getByRole('heading', { level: 1, name: PROMISE_TITLE }).waitFor();
  await student.getByLabel('Message à l’entreprise (facultatif)').fill('Je soude au TIG depuis un an.');
  await student.getByRole('button', { name: 'Je candidate' }).click();
  await student.getByTestId('my-application-status').filter({ hasText: 'Envoyée' }).waitFor();

  // The graduate is signed in elsewhere, on their home page, before anything is sent to them.
  const graduate = await signedInPage(GRADUATE, PASSWORD, '/eleve');
  await graduate.locator('header[data-realtime="connected"]').waitFor();
  const before = await bellCount(graduate);
  await graduate.evaluate('window.__sameDocument = true');

  // The school staff sees the student's application in the school area.
  const staff = await signedInPage(STAFF, PASSWORD, '/ecole');
  await staff.getByRole('heading', { level: 1, name: 'École de Production de Chalon-sur-Saône' }).waitFor();
  await staff
    .getByRole('navigation', { name: 'Rubriques de l’école' })
    .getByRole('link', { name: 'Candidatures' })
    .click();
  await staff.waitForURL('**/ecole/candidatures');
  await staff.getByRole('heading', { level: 1, name: 'Candidatures de vos élèves' }).waitFor();
  await staff.getByRole('row').filter({ hasText: PROMISE_TITLE }).filter({ hasText: 'Lina Martin' }).waitFor();

  // The promise page suggests matching graduates (matchingGraduates) with their score and reasons.
  await staff.goto(`/ecole/promesses/${promiseId}`);
  await staff.getByRole('heading', { level: 1, name: PROMISE_TITLE }).waitFor();
  await staff.getByTestId('graduate-match').filter({ hasText: 'Yanis' }).waitFor();
  await expectNoSeriousA11yViolations(staff);
  await screenshot(staff, 'school-promise-1280');

  // (c) The staff recommends the graduate from the student's page, choosing the promise, with a note.
  await staff.goto('/ecole');
  await staff.getByRole('link', { name: 'Yanis Bernard' }).click();
  await staff.waitForURL('**/ecole/eleves/*');
  await staff.getByRole('heading', { level: 1, name: 'Yanis Bernard' }).waitFor();
  const promiseSelect = staff.getByLabel('Promesse ouverte');
  const optionValue = await promiseSelect.locator('option', { hasText: PROMISE_TITLE }).getAttribute('value');
  await promiseSelect.selectOption(optionValue ?? '');
  await staff.getByLabel(/^Votre note pour/).fill('Yanis soude l’inox au TIG avec soin ; très fiable en atelier.');
  await staff.getByRole('button', { name: 'Envoyer la recommandation' }).click();
  await staff.getByTestId('recommend-done').waitFor();
  await expectNoSeriousA11yViolations(staff);
  await screenshot(staff, 'school-student-1280');

  // (d) The graduate's bell goes up without a reload...
  await graduate
    .getByRole('banner')
    .getByRole('link', { name: new RegExp(`^Notifications, ${before + 1} non lues?$`) })
    .waitFor();
  expect(await graduate.evaluate<boolean>('window.__sameDocument === true')).toBe(true);

  // ...and the notification, first in the list, opens the recommendations page.
  await graduate
    .getByRole('banner')
    .getByRole('link', { name: /^Notifications, / })
    .click();
  await graduate.waitForURL('**/notifications');
  const newest = graduate.getByTestId('notification').first();
  await newest.waitFor();
  expect(await newest.getAttribute('data-read')).toBe('false');
  await checkBothWidths(graduate, 'notifications');
  await newest.getByRole('link').click();
  await graduate.waitForURL('**/eleve/recommandations');

  // The recommendation is listed on the school side, pending.
  await staff
    .getByRole('navigation', { name: 'Rubriques de l’école' })
    .getByRole('link', { name: 'Recommandations' })
    .click();
  await staff.waitForURL('**/ecole/recommandations');
  await staff.getByRole('listitem').filter({ hasText: PROMISE_TITLE }).filter({ hasText: 'Yanis Bernard' }).waitFor();
});

test('school: roster, invitation code, recommendation from a promise, matching round; accessible at 1280 and 360 px', async () => {
  const staff = await signedInPage(STAFF, PASSWORD, '/ecole');
  await staff.getByRole('table').getByRole('link', { name: 'Lina Martin' }).waitFor();
  await checkBothWidths(staff, 'school-home');

  await staff.getByTestId('student-invite').getByLabel('Adresse e-mail').fill('nouvel.eleve@eleve.promesse.demo');
  await staff.getByRole('button', { name: 'Inviter l’élève' }).click();
  const code = await staff.getByTestId('invitation-code').textContent();
  expect(code?.length ?? 0).toBeGreaterThan(5);
  await staff.getByText(`/invitation/${code ?? ''}`).waitFor();

  // Recommending from a promise's side: the matching graduates (matchingGraduates) with score and reasons.
  await staff
    .getByRole('navigation', { name: 'Rubriques de l’école' })
    .getByRole('link', { name: 'Promesses' })
    .click();
  await staff.waitForURL('**/ecole/promesses');
  await staff.getByRole('link', { name: 'Soudeur·se MIG/MAG en CDD' }).click();
  await staff.getByRole('heading', { level: 1, name: 'Soudeur·se MIG/MAG en CDD' }).waitFor();
  // The first graduate the school may still recommend (an applicant's or a recommended one's card says why not).
  const match = staff
    .getByTestId('graduate-match')
    .filter({ has: staff.getByRole('button', { name: /^Recommander / }) })
    .first();
  expect(await match.getByRole('heading').textContent()).toMatch(/\d+ %$/);
  expect(await match.getByRole('listitem').count()).toBeGreaterThan(0);
  await match.getByRole('button', { name: /^Recommander / }).click();
  await staff.getByLabel(/^Votre note pour/).fill('Soudures MIG/MAG régulières, très bon esprit d’équipe.');
  await staff.getByRole('button', { name: 'Envoyer la recommandation' }).click();
  await staff.getByTestId('recommend-done').waitFor();

  // The matching round page.
  await staff.goto('/ecole/appariement');
  await staff.getByRole('heading', { level: 1, name: 'Appariement' }).waitFor();
  await staff.getByRole('checkbox', { name: /Yanis Bernard/ }).check();
  await staff.getByRole('checkbox', { name: /Emma Moreau/ }).check();
  await staff.getByRole('button', { name: 'Proposer un appariement' }).click();
  await staff.getByRole('heading', { name: 'Appariement proposé' }).waitFor();
  // Emma (machining graduate) has open machining promises nearby: at least one pair, with a score in percent.
  const pair = staff.getByTestId('round-pair').first();
  await pair.waitFor();
  expect(await pair.textContent()).toMatch(/\d+ %/);
  await expectNoSeriousA11yViolations(staff);
  await screenshot(staff, 'school-matching-1280');
  await staff.getByRole('button', { name: /^Confirmer et envoyer \d+ recommandations?$/ }).click();
  await staff.getByRole('heading', { name: 'Appariement confirmé' }).waitFor();
  await staff.getByText(/^\d+ recommandations? envoyées?\.$/).waitFor();
});

test('school staff approves a partnership request from a company', async () => {
  // A company of another town asks to work with the school (GraphQL), the staff decides in the school area.
  const staffToken = await token(STAFF);
  const { me } = await graphqlRequest<{ me: { school: { id: string } } }>(
    e2e.server,
    '{ me { school { id } } }',
    {},
    staffToken,
  );
  await graphqlRequest(
    e2e.server,
    'mutation ($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id } }',
    { schoolId: me.school.id },
    await token('recrutement@usinage-normand.demo'),
  );
  const staff = await signedInPage(STAFF, PASSWORD, '/ecole');
  await staff
    .getByRole('navigation', { name: 'Rubriques de l’école' })
    .getByRole('link', { name: 'Partenariats' })
    .click();
  await staff.waitForURL('**/ecole/partenariats');
  const request = staff.getByTestId('partnership').filter({ hasText: 'Usinage Normand de Précision' });
  await request.getByText('En attente').waitFor();
  await expectNoSeriousA11yViolations(staff);
  await request.getByRole('button', { name: /^Accepter/ }).click();
  await request.getByText('Approuvé').waitFor();
});

test('federation admin: schools list, create a school, invite its staff, accessible at 1280 and 360 px', async () => {
  const admin = await signedInPage(ADMIN.email, ADMIN.password, '/federation');
  await admin.getByRole('table').getByText('École de Production de Chalon-sur-Saône').waitFor();
  await checkBothWidths(admin, 'admin-schools');

  // The shared zod schema's French messages show before anything is sent.
  await admin.getByRole('button', { name: 'Créer l’école' }).click();
  await admin.getByText('Au moins un métier').waitFor();

  await admin.getByLabel('Nom de l’école').fill('École de Production de Dijon');
  await admin.getByLabel('Ville').fill('Dijon');
  await admin.getByLabel('Latitude').fill('47.322');
  await admin.getByLabel('Longitude').fill('5.0415');
  await admin.getByRole('checkbox', { name: 'Usinage' }).check();
  await admin.getByRole('button', { name: 'Créer l’école' }).click();
  await admin.getByText('École créée : École de Production de Dijon.').waitFor();
  await admin.getByRole('table').getByText('École de Production de Dijon').waitFor();

  const schoolSelect = admin.getByLabel('École', { exact: true });
  const value = await schoolSelect.locator('option', { hasText: 'École de Production de Dijon' }).getAttribute('value');
  await schoolSelect.selectOption(value ?? '');
  await admin.getByTestId('staff-invite').getByLabel('Adresse e-mail').fill('direction@dijon.promesse.demo');
  await admin.getByRole('button', { name: 'Inviter ce membre de l’équipe' }).click();
  await admin.getByTestId('invitation-code').waitFor();
});

test('notifications page: mark one and all read (bell follows), mute a type', async () => {
  const student = await signedInPage(STUDENT, PASSWORD, '/eleve');
  await student.locator('header[data-realtime="connected"]').waitFor();
  await student.goto('/notifications');
  const unread = student.locator('[data-testid="notification"][data-read="false"]');
  await unread.first().waitFor();
  const before = await bellCount(student);
  expect(before).toBeGreaterThan(0);

  await unread
    .first()
    .getByRole('button', { name: /^Marquer comme lue/ })
    .click();
  await student
    .getByRole('banner')
    .getByRole('link', {
      name: before - 1 === 0 ? 'Notifications, aucune non lue' : new RegExp(`^Notifications, ${before - 1} non lues?$`),
    })
    .waitFor();

  await student.getByRole('button', { name: 'Tout marquer comme lu' }).click();
  await student.getByRole('banner').getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
  expect(await unread.count()).toBe(0);

  // Muting a type is chosen on the channel preferences page (the one place for it) and stored: still chosen after a
  // reload.
  await student.goto('/parametres/notifications');
  const off = () => student.getByRole('radio', { name: /^Nouvelle promesse pour vous\s:\sDésactivé$/ });
  // The radio shows the stored choice: it turns on once the server answered and the preferences were read again.
  const offChosen = () =>
    student.locator('input[name="channel-JOB_PROMISE_MATCH"][value="MUTED"]:checked').waitFor({ timeout: 15_000 });
  await off().click();
  await student.getByText('Préférence enregistrée.').waitFor();
  await offChosen();
  await student.reload();
  await off().waitFor();
  await offChosen();
  await expectNoSeriousA11yViolations(student);
});
