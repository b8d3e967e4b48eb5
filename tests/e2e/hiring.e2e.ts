import type { Page } from 'playwright-core';
import { checkBothWidths, mailedLink, registerVerifiedCompany } from './harness';
import { createSchoolWithStaff, dayFromNow, e2eSuite, invitePerson } from './harness.suite';

// Hiring through the UI: a recruiter proposes an interview that the student accepts, then makes an
// offer that the student accepts — each side's page updates live (notification push over socket.io), without a
// reload. Accessibility (axe) and layout at 1280 and 360 px on the new views.

const PASSWORD = 'atelier-tolerie-2026';
// A real 1×1 PNG: the API reads the type from the bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const COMPANY = 'recrutement@tolerie-chalonnaise.promesse.test';
const STUDENT = 'lina.martin@eleve.promesse.test';
const TITLE = 'Chaudronnier·ère en CDI — parcours entretien e2e';

const e2e = e2eSuite(); // No demo data: the server starts faster, and the test makes exactly the people it needs.
let jobPromiseId = '';

beforeAll(async () => {
  jobPromiseId = await setUpShortlistedApplication();
});

const gql = e2e.gql;

/**
 * A school, its staff and a student (Lina), a company partnered with the school, a published promise Lina applied to,
 * shortlisted by the company: everything before "Proposer un entretien". Returns the promise's id.
 */
async function setUpShortlistedApplication(): Promise<string> {
  const {
    schoolId,
    staffTokens: [staff],
  } = await createSchoolWithStaff(
    e2e.server,
    {
      name: 'École de Production de Chalon',
      city: 'Chalon-sur-Saône',
      location: { lat: 46.7806, lng: 4.8539 },
      trades: ['BOILERMAKING'],
    },
    [{ email: 'direction@chalon.promesse.test', password: PASSWORD, firstName: 'Claire', lastName: 'Martin' }],
  );
  const student = await invitePerson(e2e.server, staff!, {
    email: STUDENT,
    password: PASSWORD,
    firstName: 'Lina',
    lastName: 'Martin',
    role: 'STUDENT',
  });
  // The company's address is confirmed from the e-mailed link (issue 14): verifyEmail gives the session.
  const company = await registerVerifiedCompany(e2e.server, {
    companyName: 'Tôlerie Chalonnaise',
    siret: '73282932000074',
    email: COMPANY,
    password: PASSWORD,
    contactName: 'Bruno Mathieu',
    city: 'Chalon-sur-Saône',
    location: { lat: 46.7806, lng: 4.8539 },
  });
  const { requestPartnership } = await gql<{ requestPartnership: { id: string } }>(
    'mutation ($id: ID!) { requestPartnership(schoolId: $id) { id } }',
    { id: schoolId },
    company,
  );
  await gql(
    'mutation ($id: ID!) { decidePartnership(id: $id, approve: true) { id } }',
    { id: requestPartnership.id },
    staff,
  );
  const { createJobPromise } = await gql<{ createJobPromise: { id: string } }>(
    'mutation ($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }',
    {
      input: {
        title: TITLE,
        description: 'Découpe, pliage et soudure de pièces de tôlerie fine, en équipe de cinq.',
        trade: 'BOILERMAKING',
        contractType: 'CDI',
        positions: 1,
        skills: ['pliage', 'soudure'],
        city: 'Chalon-sur-Saône',
        location: { lat: 46.7806, lng: 4.8539 },
        startDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
        schoolIds: [],
      },
    },
    company,
  );
  await gql('mutation ($id: ID!) { publishJobPromise(id: $id) { id } }', { id: createJobPromise.id }, company);
  const { applyToJobPromise } = await gql<{ applyToJobPromise: { id: string } }>(
    'mutation ($id: ID!) { applyToJobPromise(jobPromiseId: $id, message: "Bonjour, je suis intéressée.") { id } }',
    { id: createJobPromise.id },
    student,
  );
  await gql(
    'mutation ($id: ID!) { moveApplication(id: $id, to: SHORTLISTED) { id } }',
    { id: applyToJobPromise.id },
    company,
  );
  return createJobPromise.id;
}

function signedInPage(email: string, landing: string): Promise<Page> {
  return e2e.signedInPage({ email, password: PASSWORD }, landing);
}

test('the links of the recruiter’s new-application e-mail open the promise’s applicants and the e-mail settings', async () => {
  const company = await signedInPage(COMPANY, '/entreprise');
  // A recruiter gets new applications by e-mail at once (their default): the message links to the promise's board.
  const board = await mailedLink(e2e.server, COMPANY, `/entreprise/promesses/${jobPromiseId}`);
  await company.goto(board);
  await company.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await company.getByTestId('applicant').filter({ hasText: 'Lina' }).waitFor();
  const settings = await mailedLink(e2e.server, COMPANY, '/parametres/notifications');
  await company.goto(settings);
  await company.getByRole('heading', { level: 1, name: 'Préférences de notification' }).waitFor();
});

test('a recruiter proposes an interview the student accepts, then an offer the student accepts, live on both sides', async () => {
  const company = await signedInPage(COMPANY, '/entreprise');
  const student = await signedInPage(STUDENT, '/eleve');

  await company.goto(`/entreprise/promesses/${jobPromiseId}`);
  await company.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await company.locator('header[data-realtime="connected"]').waitFor();
  await student.goto('/eleve/candidatures');
  await student.getByRole('heading', { level: 1 }).waitFor();
  await student.locator('header[data-realtime="connected"]').waitFor();
  const myCard = student.getByRole('article').filter({ has: student.getByRole('heading', { name: TITLE }) });
  await myCard.waitFor();
  await student.evaluate('window.__sameDocument = true');
  await company.evaluate('window.__sameDocument = true');

  // The recruiter proposes an interview.
  const card = company.getByTestId('applicant').filter({ hasText: 'Lina' });
  await card.getByRole('button', { name: 'Proposer un entretien' }).click();
  const interviewForm = card.getByRole('form', { name: 'Proposer un entretien' });
  await interviewForm.getByLabel('Date').fill(dayFromNow(7));
  await interviewForm.getByLabel('Heure').fill('14:30');
  await interviewForm.getByLabel('Lieu', { exact: true }).fill('Atelier, 4 rue des Chaudronniers, Chalon-sur-Saône');
  await interviewForm.getByLabel('Message à l’élève').fill('Venez avec vos chaussures de sécurité.');
  await checkBothWidths(company, 'hiring-company-interview-form');
  await interviewForm.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await card.getByTestId('interview').filter({ hasText: 'Proposé' }).waitFor();

  // The student sees it live and asks for another time; the recruiter sees the request live.
  await myCard.getByRole('button', { name: 'Accepter l’entretien' }).waitFor();
  expect(await myCard.getByTestId('interview').textContent()).toContain('14:30');
  await checkBothWidths(student, 'hiring-student-interview');
  await myCard.getByRole('button', { name: 'Demander un autre horaire' }).click();
  await myCard.getByLabel('Quels moments vous conviendraient').fill('Je suis en stage le matin, plutôt vers 16 h.');
  await myCard.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await myCard.getByTestId('interview').filter({ hasText: 'Autre horaire demandé' }).waitFor();
  await card.getByTestId('interview').filter({ hasText: 'plutôt vers 16 h' }).waitFor();
  await card.getByText('L’élève demande un autre horaire').waitFor();

  // The recruiter cancels that interview through the app's dialog, with a reason the student reads live.
  await card.getByRole('button', { name: 'Annuler l’entretien' }).click();
  const cancelDialog = company.getByRole('dialog', { name: 'Annuler cet entretien ?' });
  await cancelDialog.getByLabel('Motif (facultatif, lu par l’élève)').fill('Le tuteur est absent cette semaine.');
  await checkBothWidths(company, 'hiring-company-cancel-dialog');
  await cancelDialog.getByRole('button', { name: 'Annuler l’entretien' }).click();
  await cancelDialog.waitFor({ state: 'detached' });
  await myCard
    .getByTestId('interview')
    .filter({ hasText: 'Annulé' })
    .filter({ hasText: 'Le tuteur est absent' })
    .waitFor();

  // The recruiter proposes another time; the student sees it live and accepts.
  await card.getByRole('button', { name: 'Proposer un entretien' }).click();
  const again = card.getByRole('form', { name: 'Proposer un entretien' });
  await again.getByLabel('Date').fill(dayFromNow(8));
  await again.getByLabel('Heure').fill('16:00');
  await again.getByLabel('Lieu', { exact: true }).fill('Atelier, 4 rue des Chaudronniers, Chalon-sur-Saône');
  await again.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await myCard.getByTestId('interview').filter({ hasText: '16:00' }).filter({ hasText: 'Proposé' }).waitFor();
  await myCard.getByRole('button', { name: 'Accepter l’entretien' }).click();
  await myCard.getByTestId('interview').filter({ hasText: 'Accepté' }).waitFor();

  // The recruiter's page shows the acceptance live, then the recruiter makes an offer.
  await card.getByTestId('interview').filter({ hasText: 'Accepté' }).waitFor();
  await card.getByRole('button', { name: 'Faire une offre' }).click();
  const offerForm = card.getByRole('form', { name: 'Faire une offre' });
  await offerForm.getByLabel('Date de début').fill(dayFromNow(30));
  await offerForm.getByLabel('Heures par semaine').fill('35');
  await offerForm.getByLabel('Salaire brut mensuel (€)').fill('1950');
  await offerForm.getByLabel('Message').fill('Nous serions ravis de vous accueillir.');
  await checkBothWidths(company, 'hiring-company-offer-form');
  await offerForm.getByRole('button', { name: 'Envoyer l’offre' }).click();
  await company.getByRole('heading', { level: 3, name: /^Offre faite/ }).waitFor();
  await card.getByTestId('offer').waitFor();

  // The student reads the offer before accepting it.
  await myCard.getByTestId('application-status').filter({ hasText: 'Offre reçue' }).waitFor();
  const offer = myCard.getByTestId('offer');
  await offer.waitFor();
  expect(await offer.textContent()).toMatch(/CDI[\s\S]*35 h[\s\S]*1[\s\u202f]950/);
  await checkBothWidths(student, 'hiring-student-offer');
  expect(await myCard.getByRole('button', { name: 'Décliner l’offre' }).isVisible()).toBe(true);
  // Accepting is final: the app's dialog shows the offer again; Escape cancels and nothing moves.
  await myCard.getByRole('button', { name: 'Accepter l’offre' }).click();
  const dialog = student.getByRole('dialog', { name: 'Accepter cette offre ?' });
  await dialog.waitFor();
  expect(await dialog.getByTestId('offer').textContent()).toMatch(/CDI[\s\S]*35 h/);
  expect(await student.evaluate<boolean>('document.activeElement?.closest("dialog") !== null')).toBe(true);
  await student.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await myCard.getByTestId('application-status').textContent()).toContain('Offre reçue');
  // Then confirmed through the dialog (checked with axe at both widths while open).
  await myCard.getByRole('button', { name: 'Accepter l’offre' }).click();
  await dialog.waitFor();
  await checkBothWidths(student, 'hiring-student-accept-dialog');
  await dialog.getByRole('button', { name: 'Accepter l’offre' }).click();
  await myCard
    .getByTestId('application-status')
    .filter({ hasText: /Embauché/ })
    .waitFor();
  // The recruiter's board shows the hire live.
  await company.locator('section[data-status="HIRED"]').getByTestId('applicant').filter({ hasText: 'Lina' }).waitFor();

  // Both pages were updated in place.
  expect(await student.evaluate<boolean>('window.__sameDocument === true')).toBe(true);
  expect(await company.evaluate<boolean>('window.__sameDocument === true')).toBe(true);

  // A student's e-mails about their application (offers at once, by default) link to their applications page.
  await student.goto(await mailedLink(e2e.server, STUDENT, '/eleve/candidatures'));
  await student
    .getByRole('article')
    .filter({ has: student.getByRole('heading', { name: TITLE }) })
    .waitFor();
});

test('the company profile and colleagues page, and the promise page students see', async () => {
  const company = await signedInPage(COMPANY, '/entreprise');
  await company.getByRole('link', { name: 'Profil et recruteurs' }).click();
  await company.getByRole('heading', { level: 1, name: 'Profil de l’entreprise' }).waitFor();
  await company
    .getByLabel('Présentation de l’entreprise')
    .fill('Chaudronnerie familiale, 30 salariés, tuteurs formés à l’accueil des jeunes.');
  await company.getByLabel('Chaudronnerie').check();
  await company.getByLabel('Nom du site').fill('Atelier principal');
  await company.getByLabel('Ville', { exact: true }).fill('Chalon-sur-Saône');
  await company.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await company.getByRole('status').filter({ hasText: 'Profil enregistré.' }).waitFor();
  await company.getByLabel('Adresse e-mail du collègue').fill('atelier@tolerie-chalonnaise.promesse.test');
  await company.getByRole('button', { name: 'Inviter' }).click();
  await company.getByRole('status').filter({ hasText: 'Invitation envoyée' }).waitFor();
  // The pending invitation is listed, with resend and revoke.
  const pending = company.getByTestId('pending-invitations');
  await pending.getByRole('row', { name: /atelier@tolerie-chalonnaise/ }).waitFor();
  await pending.getByRole('button', { name: /Renvoyer.*atelier@tolerie-chalonnaise/ }).click();
  await pending.getByTestId('pending-invitations-status').waitFor();

  // A workshop photo with its description.
  const photos = company.getByTestId('workshop-photos');
  await photos
    .getByLabel('Photo', { exact: true })
    .setInputFiles({ name: 'atelier.png', mimeType: 'image/png', buffer: PNG });
  await photos.getByLabel('Description de la photo').fill('Deux apprentis au poste de pliage');
  await photos.getByRole('button', { name: 'Ajouter la photo' }).click();
  await photos.getByRole('img', { name: 'Deux apprentis au poste de pliage' }).waitFor();
  await checkBothWidths(company, 'hiring-company-profile');

  // Students read the profile and see the photo, described, on the promise page.
  const student = await signedInPage(STUDENT, '/eleve');
  await student.goto(`/eleve/promesses/${jobPromiseId}`);
  const profile = student.getByTestId('company-profile');
  await profile.waitFor();
  await profile.locator('img[alt="Deux apprentis au poste de pliage"]').waitFor();
  expect(await profile.textContent()).toContain('Chaudronnerie familiale');
  await checkBothWidths(student, 'hiring-student-promise-profile');
});
