import { randomBytes } from 'node:crypto';
import { createStudent, unique, type StaffFixture, type StudentFixture, type TestApp, type World } from './helpers';
import { apply, move, offer, openPromise, recommend } from './marketplace.fixtures';

// A student with something in every module (profile with phone and town, CV, applications with history, an
// offer and a hire, messages both ways with an attachment, a recommendation, an exam, an alert, notifications,
// a password reset e-mail): what the export must contain and the erasure must remove. Used by
// privacy.export.test.ts and privacy.erasure.test.ts.

export const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
const EXAM = `mutation($id: ID!, $diploma: DiplomaLevel!, $passed: Boolean!) {
  recordExamResult(studentId: $id, diploma: $diploma, passed: $passed) { id } }`;
const ALERT = `mutation($input: CreateJobAlertInput!) { createJobAlert(input: $input) { id } }`;
const RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const PHONE = `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id city } }`;

/** A PDF head followed by a marker: the bytes a dump of the database must not contain after the erasure. */
export function markedPdf(marker: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export async function uploadFile(
  t: TestApp,
  token: string,
  query: string,
  bytes: Buffer,
  name: string,
): Promise<{ id: string; url: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const res = await fetch(`${t.url}/files?${query}`, {
    method: 'POST',
    body: form,
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { id: string; url: string };
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export interface RichStudent extends StudentFixture {
  phone: string;
  city: string;
  cvMarker: string;
  attachmentMarker: string;
  /** The application that was offered then hired (company A). */
  hiredApplicationId: string;
  /** An application still open (company A), with a conversation. */
  openApplicationId: string;
  recommendationId: string;
}

export async function richStudent(t: TestApp, w: World, staff: StaffFixture = w.staffA): Promise<RichStudent> {
  const firstName = `Zéphyrine${randomBytes(3).toString('hex')}`;
  const lastName = `Quintavalle${randomBytes(3).toString('hex')}`;
  const student = await createStudent(
    t,
    staff,
    { city: 'Caluire-et-Cuire', location: { lat: 45.7953, lng: 4.8469 } },
    { firstName, lastName },
  );
  const phone = '06 98 76 54 32';
  const placed = await t.ok<{ updateStudentProfile: { city: string } }>(PHONE, { input: { phone } }, student.token);
  const cvMarker = `CV-SECRET-${unique('')}`;
  await uploadFile(t, student.token, 'purpose=CV', markedPdf(cvMarker), `CV ${firstName}.pdf`);

  const company = w.companyA;
  // Recommended before the hire (a hired graduate is no longer recommended).
  const recPromise = await openPromise(t, company);
  const rec = await recommend(t, staff, recPromise.id, student.studentId, `${firstName} est rigoureuse.`);
  const hiredPromise = await openPromise(t, company, { contractType: 'CDI' });
  const hired = await apply(t, student, hiredPromise.id, `Bonjour, je suis ${firstName} ${lastName}.`);
  await offer(t, company, hired.id);
  await move(t, student.token, hired.id, 'HIRED');

  const openP = await openPromise(t, company);
  const open = await apply(t, student, openP.id, 'Très motivée.');
  await t.ok(
    SEND,
    { input: { applicationId: open.id, body: `Bonjour ${firstName}, pouvez-vous venir jeudi ?` } },
    company.token,
  );
  const attachmentMarker = `ATTACHMENT-SECRET-${unique('')}`;
  const attachment = await uploadFile(
    t,
    student.token,
    `purpose=ATTACHMENT&applicationId=${open.id}`,
    markedPdf(attachmentMarker),
    'lettre.pdf',
  );
  await t.ok(
    SEND,
    { input: { applicationId: open.id, body: `Oui, merci. ${firstName} ${lastName}`, attachmentIds: [attachment.id] } },
    student.token,
  );
  await t.ok(EXAM, { id: student.studentId, diploma: 'CAP', passed: true }, staff.token);
  await t.ok(ALERT, { input: { name: 'Soudure près de chez moi', filter: { trade: 'WELDING' } } }, student.token);
  await t.ok(RESET, { email: student.email });
  return {
    ...student,
    phone,
    city: placed.updateStudentProfile.city,
    cvMarker,
    attachmentMarker,
    hiredApplicationId: hired.id,
    openApplicationId: open.id,
    recommendationId: rec.id,
  };
}
