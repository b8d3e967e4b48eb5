import { Types } from 'mongoose';
import { SOCKET_EVENTS, type MessageNewPayload } from '@promesse/shared';
import {
  createStaff,
  createStudent,
  createWorld,
  registerCompany,
  snapshotDatabase,
  startTestApp,
  type Actor,
  type StudentFixture,
  type TestApp,
  type World,
} from './helpers';
import { download as downloadFile, EXE, PDF, PNG, TEXT, upload as uploadFile } from './files.harness';
import { apply, notificationsOf, openPromise, recommend } from './marketplace.fixtures';
import { RealtimeTestClient, WAIT_MS } from './realtime.test-client';

// Conversations of applications, files (CV, attachments) and the privacy of contact details, over real HTTP and
// real sockets against the embedded engine.

const UNKNOWN_ID = new Types.ObjectId().toHexString();

const CONVERSATION = `query($id: ID!) { conversation(applicationId: $id) { side canWrite unreadCount
  messages { id body authorSide authorName mine attachments { id name contentType size url } } } }`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id body authorSide authorName mine
  attachments { id name contentType url } } }`;
const MARK_READ = `mutation($id: ID!) { markConversationRead(applicationId: $id) { unreadCount } }`;
const STUDENT_CONTACT = `query($id: ID!) { student(id: $id) { email phone contactVisible cv { id name url size } } }`;
const UPDATE_PHONE = `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { phone } }`;

let t: TestApp;
let w: World;
const sockets: RealtimeTestClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const upload = (token: string | undefined, query: string, bytes: Buffer, name: string, declaredType?: string) =>
  uploadFile(t, token, query, bytes, name, declaredType);
const download = (token: string | undefined, url: string) => downloadFile(t, token, url);

async function newStudent(first: string, staff = w.staffA): Promise<StudentFixture> {
  return createStudent(t, staff, {}, { firstName: first, lastName: `Durand-${first}` });
}

async function applicationOf(student: StudentFixture, company = w.companyA): Promise<string> {
  const jp = await openPromise(t, company);
  return (await apply(t, student, jp.id)).id;
}

describe('phone and CV: privacy of contact per actor', () => {
  let student: StudentFixture;
  let cvUrl: string;

  beforeAll(async () => {
    student = await newStudent('Inès');
    const res = await upload(student.token, 'purpose=CV', PDF, 'CV Inès.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'CV Inès.pdf', contentType: 'application/pdf', size: PDF.length });
    cvUrl = res.body.url;
  });

  it('validates the phone as a French number and stores one form', async () => {
    const bad = await t.gql(UPDATE_PHONE, { input: { phone: '12345' } }, student.token);
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const ok = await t.ok(UPDATE_PHONE, { input: { phone: '+33 6.12.34.56.78' } }, student.token);
    expect(ok['updateStudentProfile'].phone).toBe('06 12 34 56 78');
  });

  it('hides e-mail, phone and CV from a company until the student applies, then shows them', async () => {
    const before = await t.ok(STUDENT_CONTACT, { id: student.studentId }, w.companyA.token);
    expect(before['student']).toMatchObject({ email: null, phone: null, cv: null, contactVisible: false });
    expect((await download(w.companyA.token, cvUrl)).status).toBe(403);

    await applicationOf(student);
    const after = await t.ok(STUDENT_CONTACT, { id: student.studentId }, w.companyA.token);
    expect(after['student']).toMatchObject({ email: student.email, phone: '06 12 34 56 78', contactVisible: true });
    expect(after['student'].cv).toMatchObject({ name: 'CV Inès.pdf', url: cvUrl });
    const file = await download(w.companyA.token, cvUrl);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.bytes.equals(PDF)).toBe(true);
  });

  it('lets a company the student was recommended to read the CV', async () => {
    const recommended = await newStudent('Sacha');
    await upload(recommended.token, 'purpose=CV', PDF, 'cv.pdf');
    const jp = await openPromise(t, w.companyA);
    await recommend(t, w.staffA, jp.id, recommended.studentId);
    const seen = await t.ok(STUDENT_CONTACT, { id: recommended.studentId }, w.companyA.token);
    expect(seen['student'].cv).not.toBeNull();
    expect((await download(w.companyA.token, seen['student'].cv.url)).status).toBe(200);
  });

  it('serves the CV to the student and their school staff only, not to the admin nor another school', async () => {
    expect((await download(student.token, cvUrl)).status).toBe(200);
    expect((await download(w.staffA.token, cvUrl)).status).toBe(200);
    expect((await download(w.staffB.token, cvUrl)).status).toBe(403);
    expect((await download(w.companyB.token, cvUrl)).status).toBe(403);
    expect((await download(w.studentA.token, cvUrl)).status).toBe(403);
    expect((await download(w.admin.token, cvUrl)).status).toBe(403);
    expect((await download(undefined, cvUrl)).status).toBe(401);
    expect((await download(student.token, `/files/${UNKNOWN_ID}`)).status).toBe(404);
    const admin = await t.ok(STUDENT_CONTACT, { id: student.studentId }, w.admin.token);
    expect(admin['student'].cv).toBeNull();
  });

  it('refuses a CV that is not a PDF by its bytes, whatever its name or declared type', async () => {
    const png = await upload(student.token, 'purpose=CV', PNG, 'cv.pdf');
    expect(png.status).toBe(400);
    expect(png.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'file.badTypeCv' });
    const text = await upload(student.token, 'purpose=CV', TEXT, 'cv.pdf');
    expect(text.status).toBe(400);
    const exe = await upload(student.token, 'purpose=CV', EXE, 'cv.pdf');
    expect(exe.status).toBe(400);
  });

  it('refuses a CV over 5 MB (413) and keeps the previous one', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const res = await upload(student.token, 'purpose=CV', big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.reason).toBe('file.tooLarge');
    expect((await download(student.token, cvUrl)).status).toBe(200);
  });

  it('refuses an upload body over the upload limit before reading it (declared length), like every route', async () => {
    const res = await fetch(`${t.url}/files?purpose=CV`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${student.token}`,
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': String(6 * 1024 * 1024),
      },
      body: Buffer.alloc(6 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
    const refusal = ((await res.json()) as any).errors[0];
    expect(refusal.extensions.reason).toBe('security.bodyTooLarge');
    expect(refusal.message).toContain('5 Mo');
    // Other routes keep the one 1 MB limit.
    const other = await fetch(`${t.url}/files/${UNKNOWN_ID}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Content-Length': String(2 * 1024 * 1024) },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(other.status).toBe(413);
  });

  it('lets only students upload a CV', async () => {
    expect((await upload(w.companyA.token, 'purpose=CV', PDF, 'cv.pdf')).status).toBe(403);
    expect((await upload(w.staffA.token, 'purpose=CV', PDF, 'cv.pdf')).status).toBe(403);
    expect((await upload(undefined, 'purpose=CV', PDF, 'cv.pdf')).status).toBe(401);
  });

  it('replaces the CV: the old file is gone', async () => {
    const next = await upload(student.token, 'purpose=CV', PDF, 'cv-2026.pdf');
    expect(next.status).toBe(201);
    expect((await download(student.token, cvUrl)).status).toBe(404);
    expect((await download(student.token, next.body.url)).status).toBe(200);
    cvUrl = next.body.url;
  });
});

describe('conversation per application', () => {
  let student: StudentFixture;
  let applicationId: string;

  beforeAll(async () => {
    student = await newStudent('Noah');
    applicationId = await applicationOf(student);
  });

  it('lets the student and the recruiters write, the school staff read, and refuses everyone else', async () => {
    const sent = await t.ok(
      SEND,
      { input: { applicationId, body: 'Bonjour Noah, êtes-vous disponible ?' } },
      w.companyA.token,
    );
    expect(sent['sendMessage']).toMatchObject({
      authorSide: 'COMPANY',
      mine: true,
      authorName: w.companyA.companyName,
    });

    const forStudent = await t.ok(CONVERSATION, { id: applicationId }, student.token);
    expect(forStudent['conversation']).toMatchObject({ side: 'STUDENT', canWrite: true });
    expect(forStudent['conversation'].messages).toHaveLength(1);
    expect(forStudent['conversation'].messages[0]).toMatchObject({ mine: false, authorSide: 'COMPANY' });

    const forStaff = await t.ok(CONVERSATION, { id: applicationId }, w.staffA.token);
    expect(forStaff['conversation']).toMatchObject({ side: 'STAFF', canWrite: false });
    expect(forStaff['conversation'].messages).toHaveLength(1);

    const snapshot = await snapshotDatabase(t.connection);
    for (const other of [w.companyB, w.staffB, w.studentA, w.admin] as Actor[]) {
      expect(await t.code(CONVERSATION, { id: applicationId }, other.token)).toBe('FORBIDDEN');
      expect(await t.code(SEND, { input: { applicationId, body: 'intrus' } }, other.token)).toBe('FORBIDDEN');
    }
    expect(await t.code(SEND, { input: { applicationId, body: 'je lis seulement' } }, w.staffA.token)).toBe(
      'FORBIDDEN',
    );
    expect(await t.code(CONVERSATION, { id: applicationId })).toBe('UNAUTHENTICATED');
    expect(await t.code(CONVERSATION, { id: UNKNOWN_ID }, student.token)).toBe('NOT_FOUND');
    expect(await t.code(CONVERSATION, { id: 'not-an-id' }, student.token)).toBe('NOT_FOUND');
    expect(await snapshotDatabase(t.connection)).toEqual(snapshot);

    // Through the application too: null for those without a part.
    const APP = `query($id: ID!) { application(id: $id) { conversation { side } } }`;
    expect((await t.ok(APP, { id: applicationId }, w.admin.token))['application'].conversation).toBeNull();
    expect((await t.ok(APP, { id: applicationId }, w.staffA.token))['application'].conversation.side).toBe('STAFF');
  });

  it('validates the text with the shared schema', async () => {
    expect(await t.code(SEND, { input: { applicationId, body: '   ' } }, student.token)).toBe('BAD_USER_INPUT');
    expect(await t.code(SEND, { input: { applicationId, body: 'x'.repeat(2001) } }, student.token)).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('counts unread messages per participant and notifies the other side', async () => {
    const fresh = await newStudent('Maël');
    const id = await applicationOf(fresh);
    await t.ok(SEND, { input: { applicationId: id, body: 'Premier message' } }, w.companyA.token);
    await t.ok(SEND, { input: { applicationId: id, body: 'Second message' } }, w.companyA.token);
    const unread = async (a: Actor) => (await t.ok(CONVERSATION, { id }, a.token))['conversation'].unreadCount;
    expect(await unread(fresh)).toBe(2);
    expect(await unread(w.companyA)).toBe(0);
    expect(await unread(w.staffA)).toBe(2);

    expect((await t.ok(MARK_READ, { id }, fresh.token))['markConversationRead'].unreadCount).toBe(0);
    expect(await unread(fresh)).toBe(0);
    await t.ok(SEND, { input: { applicationId: id, body: 'Merci, je suis disponible.' } }, fresh.token);
    expect(await unread(w.companyA)).toBe(1);
    expect(await unread(fresh)).toBe(0);

    const toStudent = (await notificationsOf(t, fresh.token)).filter(
      (n) => n.type === 'MESSAGE_RECEIVED' && n.data['applicationId'] === id,
    );
    expect(toStudent).toHaveLength(2);
    expect(toStudent[0]!.title).toContain(w.companyA.companyName);
    const toCompany = (await notificationsOf(t, w.companyA.token)).filter(
      (n) => n.type === 'MESSAGE_RECEIVED' && n.data['applicationId'] === id,
    );
    expect(toCompany).toHaveLength(1);
    expect(toCompany[0]!.body).toContain('Merci, je suis disponible.');
  });

  it('tells the school staff when a recruiter asks for contact outside the app, and only then', async () => {
    const fresh = await newStudent('Lou');
    const id = await applicationOf(fresh);
    const flagged = async () =>
      (await notificationsOf(t, w.staffA.token)).filter(
        (n) => n.type === 'CONTACT_REQUEST_FLAGGED' && n.data['applicationId'] === id,
      );
    await t.ok(
      SEND,
      { input: { applicationId: id, body: 'Votre entretien est prévu le 12/03 à 14 h.' } },
      w.companyA.token,
    );
    expect(await flagged()).toHaveLength(0);
    await t.ok(SEND, { input: { applicationId: id, body: 'Envoie-moi ton 06 sur WhatsApp' } }, w.companyA.token);
    const alerts = await flagged();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body).toContain(`${fresh.firstName} ${fresh.lastName}`);
    // The student writing their own number is not a recruiter's request.
    await t.ok(SEND, { input: { applicationId: id, body: 'Mon numéro : 06 12 34 56 78' } }, fresh.token);
    expect(await flagged()).toHaveLength(1);
    // Other schools' staff are not told.
    const elsewhere = (await notificationsOf(t, w.staffB.token)).filter((n) => n.type === 'CONTACT_REQUEST_FLAGGED');
    expect(elsewhere).toHaveLength(0);
  });

  it('sends PDF and image attachments (checked by their bytes), readable by the conversation only', async () => {
    const png = await upload(
      w.companyA.token,
      `purpose=ATTACHMENT&applicationId=${applicationId}`,
      PNG,
      'atelier.png',
      'image/png',
    );
    expect(png.status).toBe(201);
    expect(png.body.contentType).toBe('image/png');
    // Not sent yet: its uploader's only.
    expect((await download(student.token, png.body.url)).status).toBe(403);
    const sent = await t.ok(
      SEND,
      { input: { applicationId, body: 'Photo de l’atelier', attachmentIds: [png.body.id] } },
      w.companyA.token,
    );
    expect(sent['sendMessage'].attachments).toEqual([
      expect.objectContaining({ id: png.body.id, name: 'atelier.png', contentType: 'image/png' }),
    ]);
    expect((await download(student.token, png.body.url)).status).toBe(200);
    expect((await download(w.staffA.token, png.body.url)).status).toBe(200);
    expect((await download(w.companyB.token, png.body.url)).status).toBe(403);
    expect((await download(w.admin.token, png.body.url)).status).toBe(403);
    // Used once only.
    expect(await t.code(SEND, { input: { applicationId, attachmentIds: [png.body.id] } }, w.companyA.token)).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses other types by their bytes, oversize files, and uploads by those who cannot write', async () => {
    const q = `purpose=ATTACHMENT&applicationId=${applicationId}`;
    expect((await upload(student.token, q, EXE, 'lettre.pdf')).status).toBe(400);
    expect((await upload(student.token, q, TEXT, 'photo.png', 'image/png')).status).toBe(400);
    const pdf = await upload(student.token, q, PDF, 'lettre.pdf');
    expect(pdf.status).toBe(201);
    const big = await upload(
      student.token,
      q,
      Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]),
      'big.png',
      'image/png',
    );
    expect(big.status).toBe(413);
    expect((await upload(w.staffA.token, q, PDF, 'a.pdf')).status).toBe(403);
    expect((await upload(w.companyB.token, q, PDF, 'a.pdf')).status).toBe(403);
    expect((await upload(student.token, `purpose=ATTACHMENT&applicationId=${UNKNOWN_ID}`, PDF, 'a.pdf')).status).toBe(
      404,
    );
    // Someone else's upload cannot be sent.
    expect(await t.code(SEND, { input: { applicationId, attachmentIds: [pdf.body.id] } }, w.companyA.token)).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('pushes message:new live to the other side over a real socket; the thread is read from the database', async () => {
    const fresh = await newStudent('Jade');
    const id = await applicationOf(fresh);
    const socket = await RealtimeTestClient.connect(t.url, fresh.token);
    sockets.push(socket);
    const received = new Promise<MessageNewPayload>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message:new')), WAIT_MS);
      socket.socket.on(SOCKET_EVENTS.MESSAGE_NEW, (payload) => {
        if (payload.applicationId !== id) return;
        clearTimeout(timer);
        resolve(payload);
      });
    });
    const sent = await t.ok(SEND, { input: { applicationId: id, body: 'Bienvenue chez nous !' } }, w.companyA.token);
    const payload = await received;
    expect(payload).toMatchObject({
      applicationId: id,
      messageId: sent['sendMessage'].id,
      excerpt: 'Bienvenue chez nous !',
    });
    await socket.waitFor((n) => n.type === 'MESSAGE_RECEIVED' && n.data['messageId'] === payload.messageId);
    const thread = await t.ok(CONVERSATION, { id }, fresh.token);
    expect(thread['conversation'].messages.map((m: { id: string }) => m.id)).toEqual([payload.messageId]);
  });

  it('reaches every recruiter of the company, and a recruiter of another company sees nothing', async () => {
    const colleagueCompany = await registerCompany(t, { city: 'Lyon' });
    const fresh = await newStudent('Eden');
    const id = await applicationOf(fresh);
    await t.ok(SEND, { input: { applicationId: id, body: 'Bonjour' } }, fresh.token);
    const others = (await notificationsOf(t, colleagueCompany.token)).filter((n) => n.type === 'MESSAGE_RECEIVED');
    expect(others).toHaveLength(0);
    expect(await t.code(CONVERSATION, { id }, colleagueCompany.token)).toBe('FORBIDDEN');
  });

  it('keeps staff of another school out even for the same company', async () => {
    const staffOther = await createStaff(t, w.admin, w.schoolB.id);
    expect(await t.code(CONVERSATION, { id: applicationId }, staffOther.token)).toBe('FORBIDDEN');
  });
});
