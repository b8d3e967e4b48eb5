import { DAY_MS } from '@promesse/shared';
import type { CompanyFixture, StaffFixture, StudentFixture, TestApp } from './helpers';

// Marketplace fixtures over real HTTP (job promises, applications, recommendations), on top of helpers.ts.

export const JOB_PROMISE_FIELDS = `id title description trade contractType positions hiredCount diplomaLevel skills city
  location { lat lng } startDate expiresAt status publishedAt closedAt createdAt`;

export const CREATE_PROMISE = `mutation($input: JobPromiseInput!) { createJobPromise(input: $input) { ${JOB_PROMISE_FIELDS} schools { id } company { id } } }`;
export const UPDATE_PROMISE = `mutation($input: UpdateJobPromiseInput!) { updateJobPromise(input: $input) { ${JOB_PROMISE_FIELDS} schools { id } } }`;
export const PUBLISH_PROMISE = `mutation($id: ID!) { publishJobPromise(id: $id) { id status publishedAt } }`;
export const CLOSE_PROMISE = `mutation($id: ID!) { closeJobPromise(id: $id) { id status closedAt } }`;
export const GET_PROMISE = `query($id: ID!) { jobPromise(id: $id) { ${JOB_PROMISE_FIELDS} applicationCount schools { id } company { id name } } }`;
export const LIST_PROMISES = `query($filter: JobPromiseFilter, $first: Int, $after: String) {
  jobPromises(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title status trade contractType } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

export const APPLICATION_FIELDS = `id status source message createdAt
  history { from to byRole at reason }
  jobPromise { id status hiredCount } student { id } company { id } school { id }`;
export const APPLY = `mutation($jobPromiseId: ID!, $message: String) { applyToJobPromise(jobPromiseId: $jobPromiseId, message: $message) { ${APPLICATION_FIELDS} } }`;
export const MOVE = `mutation($id: ID!, $to: ApplicationStatus!, $reason: String) { moveApplication(id: $id, to: $to, reason: $reason) { ${APPLICATION_FIELDS} } }`;
export const MY_APPLICATIONS = `{ myApplications { ${APPLICATION_FIELDS} } }`;

export const RECOMMENDATION_FIELDS = `id status note createdAt respondedAt jobPromise { id } student { id displayName lastName email }
  school { id name } company { id } application { id source status }`;
export const RECOMMEND = `mutation($jobPromiseId: ID!, $studentId: ID!, $note: String!) {
  recommendGraduate(jobPromiseId: $jobPromiseId, studentId: $studentId, note: $note) { ${RECOMMENDATION_FIELDS} } }`;
export const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToRecommendation(id: $id, accept: $accept) { ${RECOMMENDATION_FIELDS} } }`;
export const MY_RECOMMENDATIONS = `{ myRecommendations { ${RECOMMENDATION_FIELDS} } }`;

export const NOTIFICATIONS = `query($first: Int) { notifications(first: $first) { edges { node { id type title body read
  data { jobPromiseId jobPromiseTitle applicationId recommendationId companyName schoolName studentName city from to reason
  interviewId status } } } } }`;

export function inDays(days: number, from = Date.now()): string {
  return new Date(from + days * DAY_MS).toISOString();
}

export function promiseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Tourneur-fraiseur en CDI',
    description: 'Atelier d’usinage de précision : tournage et fraisage sur commande numérique.',
    trade: 'MACHINING',
    contractType: 'CDI',
    positions: 1,
    diplomaLevel: 'CAP',
    skills: ['tournage', 'fraisage', 'commande numérique'],
    city: 'Villeurbanne',
    location: { lat: 45.7719, lng: 4.8902 },
    startDate: inDays(30),
    expiresAt: inDays(60),
    schoolIds: [],
    ...overrides,
  };
}

export interface PromiseFixture {
  id: string;
  title: string;
  status: string;
  schools: { id: string }[];
}

export async function createPromise(
  t: TestApp,
  company: CompanyFixture,
  overrides: Record<string, unknown> = {},
): Promise<PromiseFixture> {
  const data = await t.ok<{ createJobPromise: PromiseFixture }>(
    CREATE_PROMISE,
    { input: promiseInput(overrides) },
    company.token,
  );
  return data.createJobPromise;
}

/** Created and published (OPEN). */
export async function openPromise(
  t: TestApp,
  company: CompanyFixture,
  overrides: Record<string, unknown> = {},
): Promise<PromiseFixture> {
  const jp = await createPromise(t, company, overrides);
  await t.ok(PUBLISH_PROMISE, { id: jp.id }, company.token);
  return { ...jp, status: 'OPEN' };
}

export interface ApplicationResult {
  id: string;
  status: string;
  source: string;
  history: { from: string | null; to: string; byRole: string; reason: string | null }[];
  jobPromise: { id: string; status: string; hiredCount: number };
}

export async function apply(
  t: TestApp,
  student: StudentFixture,
  jobPromiseId: string,
  message?: string,
): Promise<ApplicationResult> {
  const data = await t.ok<{ applyToJobPromise: ApplicationResult }>(APPLY, { jobPromiseId, message }, student.token);
  return data.applyToJobPromise;
}

export async function move(
  t: TestApp,
  token: string,
  id: string,
  to: string,
  reason?: string,
): Promise<ApplicationResult> {
  const data = await t.ok<{ moveApplication: ApplicationResult }>(MOVE, { id, to, reason }, token);
  return data.moveApplication;
}

/** SUBMITTED -> SHORTLISTED -> INTERVIEW -> OFFERED by the company. */
export async function offer(t: TestApp, company: CompanyFixture, applicationId: string): Promise<void> {
  for (const to of ['SHORTLISTED', 'INTERVIEW', 'OFFERED']) await move(t, company.token, applicationId, to);
}

export async function recommend(
  t: TestApp,
  staff: StaffFixture,
  jobPromiseId: string,
  studentId: string,
  note = 'Très bon élève, rigoureux et ponctuel.',
) {
  const data = await t.ok<{ recommendGraduate: { id: string; status: string } }>(
    RECOMMEND,
    { jobPromiseId, studentId, note },
    staff.token,
  );
  return data.recommendGraduate;
}

export interface NotificationNode {
  id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  read: boolean;
}

export async function notificationsOf(t: TestApp, token: string): Promise<NotificationNode[]> {
  const data = await t.ok<{ notifications: { edges: { node: NotificationNode }[] } }>(
    NOTIFICATIONS,
    { first: 100 },
    token,
  );
  return data.notifications.edges.map((e) => e.node);
}

/** Counts documents of a collection directly (checks that refused calls wrote nothing). */
export async function countDocs(t: TestApp, collection: string, filter: Record<string, unknown> = {}): Promise<number> {
  return t.connection.collection(collection).countDocuments(filter);
}
