import type { ClientSession } from 'mongoose';
import {
  badUserInput,
  CANCELLABLE_INTERVIEW_STATUSES,
  cancelInterviewSchema,
  conflict,
  forbidden,
  interviewMomentIssue,
  notFound,
  parisDateTime,
  proposeInterviewSchema,
  renderMessage,
  respondToInterviewSchema,
  Role,
} from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { sameId, validObjectIds } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { advanceToInterview, findApplicationById } from '../application/application.queries';
import { loadRecipients, mailContactsOf, type MailContact } from '../auth/auth.queries';
import { isRecruiterOf } from '../company/company.policy';
import { companyNameOf } from '../company/company.queries';
import { jobPromisesByIds } from '../job-promise/job-promise.queries';
import { enqueueMails, type MailMessage } from '../mail/mail.queries';
import type { InterviewMailParams } from '../mail/mail.calendar';
import { createNotifications } from '../notification/notification.queries';
import type { StudentDoc } from '../student/student.model';
import { findStudent, findStudentByUserId } from '../student/student.queries';
import { interviewModel, type InterviewDoc } from './interview.model';

/** Names and ids every interview notification and message carries. */
async function interviewFacts(deps: DataDeps, interview: InterviewDoc, session: ClientSession | null) {
  const [jp] = await jobPromisesByIds(deps, [String(interview.jobPromiseId)], session);
  const companyName = (await companyNameOf(deps, interview.companyId, session)) ?? '';
  const student = await findStudent(deps, interview.studentId, session);
  return { title: jp?.title ?? '', companyName, student };
}

function notificationData(
  interview: InterviewDoc,
  facts: { title: string; companyName: string },
  studentName?: string,
): Record<string, unknown> {
  return {
    interviewId: String(interview._id),
    applicationId: String(interview.applicationId),
    jobPromiseId: String(interview.jobPromiseId),
    jobPromiseTitle: facts.title,
    companyName: facts.companyName,
    ...(studentName ? { studentName } : {}),
    startsAt: interview.startsAt.toISOString(),
    ...(interview.place ? { place: interview.place } : {}),
    ...(interview.videoUrl ? { videoUrl: interview.videoUrl } : {}),
  };
}

/**
 * One message with the calendar invitation to each person (the student and every recruiter of the company), keyed
 * by cause, interview, proposal and person: a retried transaction or a second scheduler run queues nothing new.
 */
async function queueCalendarMails(
  deps: DataDeps,
  session: ClientSession,
  interview: InterviewDoc,
  kind: InterviewMailParams['kind'],
  facts: { title: string; companyName: string; student: StudentDoc | null },
): Promise<void> {
  if (!facts.student) return;
  const recipients = await loadRecipients(deps, { companyIds: [interview.companyId] }, session);
  const contacts = await mailContactsOf(
    deps,
    [facts.student.userId, ...recipients.recruitersOfCompany(interview.companyId)],
    session,
  );
  const studentContact = contacts.find((c) => sameId(c.userId, facts.student?.userId));
  const organizer =
    contacts.find((c) => sameId(c.userId, interview.proposedBy)) ?? contacts.find((c) => c !== studentContact);
  const studentName = `${facts.student.firstName} ${facts.student.lastName}`;
  const attendees = studentContact ? [{ name: studentName, email: studentContact.email }] : [];
  const mail = (c: MailContact): MailMessage => ({
    key: `interview:${kind}:${String(interview._id)}:${interview.sequence}:${String(c.userId)}`,
    to: c.email,
    locale: c.locale,
    recipientName: c.displayName,
    userId: String(c.userId),
    template: 'interview',
    params: {
      kind,
      interviewId: String(interview._id),
      sequence: interview.sequence,
      jobPromiseId: String(interview.jobPromiseId),
      title: facts.title,
      companyName: facts.companyName,
      studentName,
      startsAt: interview.startsAt.toISOString(),
      durationMinutes: interview.durationMinutes,
      ...(interview.place ? { place: interview.place } : {}),
      ...(interview.videoUrl ? { videoUrl: interview.videoUrl } : {}),
      ...(interview.message ? { message: interview.message } : {}),
      organizer: organizer
        ? { name: `${organizer.displayName} (${facts.companyName})`, email: organizer.email }
        : { name: facts.companyName, email: 'no-reply@promesse.invalid' },
      attendees,
    },
  });
  await enqueueMails(deps, session, contacts.map(mail));
}

/**
 * "Proposer un entretien": a recruiter of the company proposes a date, a time (Paris), a place or a video link and
 * a message on a SHORTLISTED application (which moves to INTERVIEW) or one already at INTERVIEW (another slot). An
 * unanswered earlier proposal is cancelled. The student is notified (INTERVIEW_PROPOSED).
 */
export const proposeInterview = defineUseCase({
  name: 'proposeInterview',
  input: proposeInterviewSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<InterviewDoc> => {
    const now = deps.clock.now();
    const app = await findApplicationById(deps, input.applicationId);
    if (!app) throw notFound('Application', input.applicationId);
    if (!isRecruiterOf(actor, app.companyId)) throw forbidden('application.partiesOnly');
    if (app.status !== 'SHORTLISTED' && app.status !== 'INTERVIEW') {
      throw conflict('hiring.interviewNotAllowed', undefined, { entity: 'Application', status: app.status });
    }
    const startsAt = parisDateTime(input.date, input.time);
    const issue = interviewMomentIssue(startsAt, now);
    if (issue) throw badUserInput(issue, undefined, [{ path: 'input.date', message: renderMessage(issue) }]);
    const Interview = interviewModel(deps.connection);
    return inTransaction(deps, async (session) => {
      if (app.status === 'SHORTLISTED') {
        const moved = await advanceToInterview(
          deps,
          session,
          app,
          { userId: actor.userId, role: Role.COMPANY_RECRUITER },
          now,
        );
        if (!moved)
          throw conflict('application.changedMeanwhile', undefined, { entity: 'Application', id: String(app._id) });
      }
      // An unanswered proposal gives way to the new one (a request for another time stays, as asked).
      await Interview.updateMany(
        { applicationId: app._id, status: 'PROPOSED' },
        { $set: { status: 'CANCELLED' } },
        { session },
      );
      const sequence = await Interview.countDocuments({ applicationId: app._id }).session(session);
      const [interview] = await Interview.create(
        [
          {
            applicationId: app._id,
            jobPromiseId: app.jobPromiseId,
            companyId: app.companyId,
            studentId: app.studentId,
            schoolId: app.schoolId,
            startsAt,
            durationMinutes: input.durationMinutes,
            ...(input.place ? { place: input.place } : {}),
            ...(input.videoUrl ? { videoUrl: input.videoUrl } : {}),
            ...(input.message ? { message: input.message } : {}),
            status: 'PROPOSED',
            proposedBy: actor.userId,
            sequence,
          },
        ],
        { session },
      );
      if (!interview) throw new Error('interview not created');
      const facts = await interviewFacts(deps, interview, session);
      if (facts.student) {
        await createNotifications(deps, session, [
          { userId: facts.student.userId, type: 'INTERVIEW_PROPOSED', data: notificationData(interview, facts) },
        ]);
      }
      return interview;
    });
  },
});

/**
 * The student accepts the proposed interview (both sides then get the calendar invitation by e-mail) or asks for
 * another time with a message. The company's recruiters are notified (INTERVIEW_ANSWERED) either way.
 */
export const respondToInterview = defineUseCase({
  name: 'respondToInterview',
  input: respondToInterviewSchema,
  inputPath: 'input',
  access: ['STUDENT'],
  run: async (input, { actor, deps }): Promise<InterviewDoc> => {
    const now = deps.clock.now();
    const [id] = validObjectIds([input.id]);
    const Interview = interviewModel(deps.connection);
    const current = id ? await Interview.findById(id) : null;
    if (!current) throw notFound('Interview', input.id);
    const student = await findStudentByUserId(deps, actor.userId);
    if (!student || !sameId(student._id, current.studentId)) throw forbidden('application.notYours');
    return inTransaction(deps, async (session) => {
      const updated = await Interview.findOneAndUpdate(
        { _id: current._id, status: 'PROPOSED' },
        {
          $set: {
            status: input.accept ? 'ACCEPTED' : 'RESCHEDULE_REQUESTED',
            respondedAt: now,
            ...(input.message ? { responseMessage: input.message } : {}),
          },
        },
        { returnDocument: 'after', session },
      );
      if (!updated) throw conflict('hiring.interviewNotPending', undefined, { entity: 'Interview', id: input.id });
      const facts = await interviewFacts(deps, updated, session);
      const recipients = await loadRecipients(deps, { companyIds: [updated.companyId] }, session);
      const studentName = `${student.firstName} ${student.lastName}`;
      await createNotifications(
        deps,
        session,
        recipients.recruitersOfCompany(updated.companyId).map((userId) => ({
          userId,
          type: 'INTERVIEW_ANSWERED' as const,
          data: {
            ...notificationData(updated, facts, studentName),
            accepted: input.accept,
            ...(input.message ? { message: input.message } : {}),
          },
        })),
      );
      if (input.accept) await queueCalendarMails(deps, session, updated, 'confirmed', facts);
      return updated;
    });
  },
});

/**
 * The company cancels an interview (proposed, accepted, or awaiting another time). The student and their school's
 * staff are told (INTERVIEW_CANCELLED, with the reason when given). When the student had accepted, both sides had
 * the calendar invitation: they get its cancellation (.ics METHOD:CANCEL, same UID, SEQUENCE one above the last
 * invitation, so calendars drop the event instead of keeping a stale one). The application stays where it is: the
 * recruiter may propose another time.
 */
export const cancelInterview = defineUseCase({
  name: 'cancelInterview',
  input: cancelInterviewSchema,
  inputPath: 'input',
  access: ['COMPANY_RECRUITER'],
  run: async (input, { actor, deps }): Promise<InterviewDoc> => {
    const [id] = validObjectIds([input.id]);
    const Interview = interviewModel(deps.connection);
    const current = id ? await Interview.findById(id) : null;
    if (!current) throw notFound('Interview', input.id);
    if (!isRecruiterOf(actor, current.companyId)) throw forbidden('hiring.interviewNotVisible');
    return inTransaction(deps, async (session) => {
      const updated = await Interview.findOneAndUpdate(
        { _id: current._id, status: { $in: [...CANCELLABLE_INTERVIEW_STATUSES] } },
        {
          $set: {
            status: 'CANCELLED',
            cancelledAt: deps.clock.now(),
            ...(input.reason ? { cancelReason: input.reason } : {}),
          },
          $inc: { sequence: 1 },
        },
        { returnDocument: 'after', session },
      );
      if (!updated) {
        throw conflict('hiring.interviewNotCancellable', undefined, { entity: 'Interview', id: input.id });
      }
      const facts = await interviewFacts(deps, updated, session);
      if (facts.student) {
        const recipients = await loadRecipients(deps, { schoolIds: [updated.schoolId] }, session);
        const studentName = `${facts.student.firstName} ${facts.student.lastName}`;
        const reason = input.reason ? { reason: input.reason } : {};
        await createNotifications(deps, session, [
          {
            userId: facts.student.userId,
            type: 'INTERVIEW_CANCELLED',
            data: { ...notificationData(updated, facts), ...reason },
          },
          ...recipients.staffOfSchool(updated.schoolId).map((userId) => ({
            userId,
            type: 'INTERVIEW_CANCELLED' as const,
            data: { ...notificationData(updated, facts, studentName), ...reason },
          })),
        ]);
      }
      if (current.status === 'ACCEPTED') await queueCalendarMails(deps, session, updated, 'cancelled', facts);
      return updated;
    });
  },
});

/**
 * How far ahead the reminder goes out: 24 hours before the interview, not at a fixed hour of the day before.
 * Decided so: the reminder then comes at the hour of the interview (an 08:00 interview is recalled at 08:00 the day
 * before, during working hours, not at 18:00 when a student may be at their evening job); an interview agreed less
 * than 24 hours ahead is recalled at the next run instead of never; and the window is a plain instant comparison,
 * the same on the days the clocks change. The job runs every 15 minutes, so it goes out within 15 minutes of that.
 */
export const INTERVIEW_REMINDER_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Reminds both sides of every ACCEPTED interview starting within the next 24 hours (notification + e-mail with the
 * calendar invitation). Each interview is claimed by one conditional update (reminderSentAt null -> now) in the
 * transaction that writes its notifications and messages: however many instances or runs, one reminder each.
 * Returns how many interviews were reminded.
 */
export async function sendInterviewReminders(deps: DataDeps): Promise<number> {
  const now = deps.clock.now();
  const Interview = interviewModel(deps.connection);
  const due = await Interview.find(
    {
      status: 'ACCEPTED',
      reminderSentAt: null,
      startsAt: { $gt: now, $lte: new Date(now.getTime() + INTERVIEW_REMINDER_AHEAD_MS) },
    },
    { _id: 1 },
  ).lean();
  let sent = 0;
  for (const { _id } of due) {
    const done = await inTransaction(deps, async (session) => {
      const claimed = await Interview.findOneAndUpdate(
        { _id, status: 'ACCEPTED', reminderSentAt: null },
        { $set: { reminderSentAt: now } },
        { returnDocument: 'after', session },
      );
      if (!claimed) return false;
      const facts = await interviewFacts(deps, claimed, session);
      // An erased student (issue 18): nobody to remind, no name to give the company.
      if (!facts.student || facts.student.erasedAt) return true;
      const recipients = await loadRecipients(deps, { companyIds: [claimed.companyId] }, session);
      const studentName = `${facts.student.firstName} ${facts.student.lastName}`;
      await createNotifications(deps, session, [
        { userId: facts.student.userId, type: 'INTERVIEW_REMINDER', data: notificationData(claimed, facts) },
        ...recipients.recruitersOfCompany(claimed.companyId).map((userId) => ({
          userId,
          type: 'INTERVIEW_REMINDER' as const,
          data: notificationData(claimed, facts, studentName),
        })),
      ]);
      await queueCalendarMails(deps, session, claimed, 'reminder', facts);
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}
