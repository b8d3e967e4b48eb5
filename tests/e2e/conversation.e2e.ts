import { expectNoSeriousA11yViolations, graphqlRequest, horizontalOverflow, screenshot, VIEWPORTS } from './harness';
import { e2eSuite, type Account } from './harness.suite';

// Recruiting for real (issue 15) on the demo data: a student uploads a CV and applies; the recruiter reads the CV
// from the applicant card, writes to the student, who sees the message arrive live and answers, live on the
// recruiter's side too. The school staff read the thread without writing. The confirmation dialog replaces
// window.confirm. axe at 1280 and 360 px on the new views.

const PASSWORD = 'promesse-demo-2026';
const RECRUITER = { email: 'recrutement@chaudronnerie-chalonnais.demo', password: PASSWORD };
const STUDENT = { email: 'lina.martin@eleve.promesse.demo', password: PASSWORD };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const e2e = e2eSuite({ seedDemo: true });

const tokenOf = (account: Account) => e2e.token(account);

const pageFor = (account: Account, landing: string) => e2e.signedInPage(account, landing);

/** A fresh open promise of the recruiter's company for the Chalon school, and the student's application to it. */
async function newApplication(): Promise<{ jobPromiseId: string; applicationId: string }> {
  const recruiter = await tokenOf(RECRUITER);
  const student = await tokenOf(STUDENT);
  const { schools } = await graphqlRequest<{ schools: { id: string; name: string }[] }>(
    e2e.server,
    '{ schools { id name } }',
  );
  const chalon = schools.find((s) => s.name.includes('Chalon'));
  const day = 24 * 60 * 60 * 1000;
  const { createJobPromise } = await graphqlRequest<{ createJobPromise: { id: string } }>(
    e2e.server,
    'mutation ($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }',
    {
      input: {
        title: 'Chaudronnier·ère (conversation e2e)',
        description: 'Chaudronnerie fine et soudure, en équipe, avec un tuteur.',
        trade: 'BOILERMAKING',
        contractType: 'CDI',
        positions: 1,
        skills: ['lecture de plans'],
        city: 'Chalon-sur-Saône',
        location: { lat: 46.78, lng: 4.85 },
        startDate: new Date(Date.now() + 30 * day).toISOString(),
        expiresAt: new Date(Date.now() + 90 * day).toISOString(),
        schoolIds: [chalon?.id],
      },
    },
    recruiter,
  );
  await graphqlRequest(
    e2e.server,
    'mutation ($id: ID!) { publishJobPromise(id: $id) { id } }',
    { id: createJobPromise.id },
    recruiter,
  );
  // The student's CV (a PDF, checked by its bytes by the API).
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'CV Lina Martin.pdf');
  const upload = await fetch(`${e2e.server.url}/files?purpose=CV`, {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${student}` },
  });
  expect(upload.status).toBe(201);
  const { applyToJobPromise } = await graphqlRequest<{ applyToJobPromise: { id: string } }>(
    e2e.server,
    'mutation ($id: ID!) { applyToJobPromise(jobPromiseId: $id, message: "Je suis très intéressée.") { id } }',
    { id: createJobPromise.id },
    student,
  );
  return { jobPromiseId: createJobPromise.id, applicationId: applyToJobPromise.id };
}

describe('conversation of an application', () => {
  test('the recruiter reads the new applicant’s CV, writes to her; she sees it live and answers', async () => {
    const { jobPromiseId, applicationId } = await newApplication();

    // The student opens her application first: the message will arrive while she is on the page.
    const student = await pageFor(STUDENT, '/eleve');
    await student.goto(`/eleve/candidatures/${applicationId}`);
    await student.getByRole('heading', { level: 1, name: 'Chaudronnier·ère (conversation e2e)' }).waitFor();
    await student.getByText('Aucun message pour l’instant.').waitFor();
    await student.locator('header[data-realtime="connected"]').waitFor();

    const recruiter = await pageFor(RECRUITER, '/entreprise');
    await recruiter.goto(`/entreprise/promesses/${jobPromiseId}`);
    const applicant = recruiter.getByTestId('applicant');
    await applicant.waitFor();
    // She applied: e-mail and CV show on the card.
    await applicant.getByRole('link', { name: STUDENT.email }).waitFor();
    const [cvTab] = await Promise.all([
      recruiter.context().waitForEvent('page'),
      applicant.getByRole('button', { name: 'Lire le CV de Lina Martin' }).click(),
    ]);
    await cvTab.waitForURL(/^blob:/);
    await cvTab.close();
    await expectNoSeriousA11yViolations(recruiter);

    await applicant.getByRole('link', { name: 'Écrire à Lina Martin' }).click();
    await recruiter.waitForURL(`**/entreprise/candidatures/${applicationId}`);
    await recruiter.getByRole('heading', { level: 1, name: 'Lina Martin' }).waitFor();
    await recruiter.locator('header[data-realtime="connected"]').waitFor();
    await expectNoSeriousA11yViolations(recruiter);
    await screenshot(recruiter, 'conversation-company-1280');

    await recruiter.getByLabel('Votre message').fill('Bonjour Lina, pouvez-vous venir visiter l’atelier mardi ?');
    await recruiter.getByRole('button', { name: 'Envoyer' }).click();
    await recruiter.getByTestId('message').filter({ hasText: 'visiter l’atelier' }).waitFor();

    // Live on the student's side, without a reload.
    await student.getByTestId('message').filter({ hasText: 'visiter l’atelier' }).waitFor();
    await expectNoSeriousA11yViolations(student);
    await screenshot(student, 'conversation-student-1280');
    await student.getByLabel('Votre message').fill('Avec plaisir, mardi à 10 h me convient.');
    await student.getByRole('button', { name: 'Envoyer' }).click();
    await student.getByTestId('message').filter({ hasText: 'mardi à 10 h' }).waitFor();

    // Live back on the recruiter's side.
    await recruiter.getByTestId('message').filter({ hasText: 'mardi à 10 h' }).waitFor();
    expect(await recruiter.getByTestId('message').count()).toBe(2);

    for (const page of [recruiter, student]) {
      await page.setViewportSize(VIEWPORTS.phone);
      await page.getByTestId('conversation').waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      await expectNoSeriousA11yViolations(page);
    }
    await screenshot(recruiter, 'conversation-company-360');
    await screenshot(student, 'conversation-student-360');
  });

  test('the student’s CV section and the confirmation dialog (Escape cancels, focus inside, labelled)', async () => {
    await newApplication();
    const student = await pageFor(STUDENT, '/eleve');
    await student.goto('/eleve/profil');
    const cv = student.getByTestId('cv-section');
    await cv.getByText(/CV actuel\s: CV Lina Martin\.pdf/).waitFor();
    await expectNoSeriousA11yViolations(student);
    await student.setViewportSize(VIEWPORTS.phone);
    expect(await horizontalOverflow(student)).toBe(0);
    await expectNoSeriousA11yViolations(student);
    await student.setViewportSize(VIEWPORTS.desktop);

    await student.goto('/eleve/candidatures');
    const card = student.getByRole('article').filter({ hasText: 'Chaudronnier·ère (conversation e2e)' }).first();
    await card.getByRole('button', { name: 'Retirer ma candidature' }).click();
    const dialog = student.getByRole('dialog', { name: /^Retirer la candidature\s\?$/ });
    await dialog.waitFor();
    // The safe choice has the focus, and focus stays in the dialog.
    expect(await student.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
    await student.keyboard.press('Tab');
    expect(await student.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    await expectNoSeriousA11yViolations(student);
    await student.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await card.getByTestId('application-status').textContent()).toBe('Envoyée');
  });

  test('the school staff read the thread from the student’s page, without writing; a bad id is a not-found page', async () => {
    const { applicationId } = await newApplication();
    const recruiterToken = await tokenOf(RECRUITER);
    await graphqlRequest(
      e2e.server,
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
      { input: { applicationId, body: 'Bonjour Lina, merci pour votre candidature.' } },
      recruiterToken,
    );
    // The staff of the student's school (demo: staff.<school key>@promesse.demo).
    const staff = await pageFor({ email: 'staff.chalon@promesse.demo', password: PASSWORD }, '/ecole');
    await staff.goto(`/ecole/candidatures/${applicationId}`);
    await staff.getByTestId('message').filter({ hasText: 'merci pour votre candidature' }).waitFor();
    await staff.getByText(/seuls l’élève et l’entreprise y écrivent/).waitFor();
    expect(await staff.getByRole('button', { name: 'Envoyer' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(staff);
    await staff.setViewportSize(VIEWPORTS.phone);
    expect(await horizontalOverflow(staff)).toBe(0);
    await expectNoSeriousA11yViolations(staff);
    await screenshot(staff, 'conversation-staff-360');

    const recruiter = await pageFor(RECRUITER, '/entreprise');
    await recruiter.goto('/entreprise/promesses/000000000000000000000000');
    await recruiter.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await recruiter.goto('/entreprise/promesses/pas-un-id');
    await recruiter.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  });
});
