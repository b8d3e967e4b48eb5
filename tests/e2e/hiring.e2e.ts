import type { Page } from 'playwright-core';
import { checkBothWidths, registerVerifiedCompany } from './harness';
import { createSchoolWithStaff, dayFromNow, e2eSuite, invitePerson } from './harness.suite';

// Hiring through the UI: a recruiter proposes an interview that the student accepts, then makes an
// offer that the student accepts — each side's page updates live (notification push over socket.io), without a
// reload. Accessibility (axe) and layout at 1280 and 360 px on the new views.

const PASSWORD = 'atelier-tolerie-2026';
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

  // The student sees it live and accepts.
  await myCard.getByRole('button', { name: 'Accepter l’entretien' }).waitFor();
  expect(await myCard.getByTestId('interview').textContent()).toContain('14:30');
  await checkBothWidths(student, 'hiring-student-interview');
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
  await myCard.getByRole('button', { name: 'Accepter l’offre' }).click();
  // Another helper may put an app confirmation dialog in front of this irreversible move.
  const dialog = student.getByRole('dialog');
  if (await dialog.isVisible().catch(() => false))
    await dialog.getByRole('button', { name: /Accepter|Confirmer/ }).click();
  await myCard
    .getByTestId('application-status')
    .filter({ hasText: /Embauché/ })
    .waitFor();

  // Both pages were updated in place.
  expect(await student.evaluate<boolean>('window.__sameDocument === true')).toBe(true);
  expect(await company.evaluate<boolean>('window.__sameDocument === true')).toBe(true);
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
  await checkBothWidths(company, 'hiring-company-profile');
});
