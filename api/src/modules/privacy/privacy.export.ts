import { cleanFileName, exportStudentSchema, forbidden, notFound, type Locale } from '@promesse/shared';
import type { Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { toObjectId } from '../../core/ids';
import { defineUseCase } from '../../core/use-case';
import { accessLogForExport } from '../access-log/access-log.privacy';
import { applicationsForExport } from '../application/application.privacy';
import { accountForExport } from '../auth/auth.privacy';
import { companyNames } from '../company/company.queries';
import { messagesForExport } from '../conversation/conversation.privacy';
import { filesForExport } from '../file/file.privacy';
import { interviewsForExport } from '../interview/interview.privacy';
import { jobAlertsForExport } from '../job-alert/job-alert.privacy';
import { jobPromiseRowsByIds } from '../job-promise/job-promise.queries';
import { notificationsForExport } from '../notification/notification.privacy';
import { renderNotification } from '../notification/notification.queries';
import { outcomeRecordsForExport } from '../outcome/outcome.privacy';
import { recommendationsForExport } from '../recommendation/recommendation.privacy';
import { schoolNames } from '../school/school.queries';
import { studentProfileForExport } from '../student/student.queries';
import { findStudent, findStudentByUserId } from '../student/student.queries';
import { canExportStudent } from './privacy.policy';

// Export (RGPD rights of access and portability, issue 18): everything the platform holds about one person, as
// JSON documents plus the original files, for the HTTP route to zip (privacy.http.ts). Each module is read through
// its *.privacy.ts functions. Only the person's own records: their threads are their applications' (the student
// and the company's recruiters), and other people appear by id or by the name they showed in that thread.

export interface ExportFile {
  /** The path inside the archive. */
  path: string;
  fileId: Types.ObjectId;
}

export interface PersonalDataExport {
  /** The archive's file name (ASCII). */
  filename: string;
  /** JSON documents by path inside the archive. */
  documents: Record<string, unknown>;
  files: ExportFile[];
}

/** Ids as strings and dates as ISO strings: what JSON.stringify writes of lean documents anyway, done once here. */
function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

async function gather(
  deps: DataDeps,
  target: { userId: Types.ObjectId; studentId: Types.ObjectId | null },
  locale: Locale,
): Promise<PersonalDataExport> {
  const { user, sessions } = await accountForExport(deps, target.userId);
  const documents: Record<string, unknown> = {};
  documents['account.json'] = plain({ user, sessions });
  let applicationIds: Types.ObjectId[] = [];
  if (target.studentId) {
    const studentId = target.studentId;
    const profile = await studentProfileForExport(deps, studentId);
    const applications = await applicationsForExport(deps, studentId);
    applicationIds = applications.map((a) => a._id);
    const promises = await jobPromiseRowsByIds(
      deps,
      applications.map((a) => String(a.jobPromiseId)),
    );
    const recommendations = await recommendationsForExport(deps, studentId);
    const recommendedPromises = await jobPromiseRowsByIds(
      deps,
      recommendations.map((r) => String(r.jobPromiseId)),
    );
    const allPromises = new Map([...promises, ...recommendedPromises].map((p) => [String(p._id), p]));
    const companies = await companyNames(deps, [
      ...applications.map((a) => a.companyId),
      ...recommendations.map((r) => r.companyId),
    ]);
    const schools = profile?.['schoolId'] ? await schoolNames(deps, [String(profile['schoolId'])]) : new Map();
    const describe = (row: { jobPromiseId: unknown; companyId: unknown }) => ({
      jobPromiseTitle: allPromises.get(String(row.jobPromiseId))?.title ?? null,
      companyName: companies.get(String(row.companyId)) ?? null,
    });
    documents['profile.json'] = plain({
      ...profile,
      schoolName: schools.get(String(profile?.['schoolId'])) ?? null,
    });
    documents['applications.json'] = plain(applications.map((a) => ({ ...a, ...describe(a) })));
    documents['recommendations.json'] = plain(recommendations.map((r) => ({ ...r, ...describe(r) })));
    documents['interviews.json'] = plain(await interviewsForExport(deps, studentId));
    documents['messages.json'] = plain(await messagesForExport(deps, applicationIds));
    documents['outcomes.json'] = plain(await outcomeRecordsForExport(deps, studentId));
    // Who of a company saw their contact details or CV (the access log, issue 18).
    documents['profile-views.json'] = plain(await accessLogForExport(deps, studentId));
  }
  const notifications = await notificationsForExport(deps, target.userId);
  documents['notifications.json'] = plain(notifications.map((n) => ({ ...n, text: renderNotification(n, locale) })));
  documents['job-alerts.json'] = plain(await jobAlertsForExport(deps, target.userId));
  const stored = await filesForExport(deps, { userId: target.userId, studentId: target.studentId });
  const files = stored.map((f) => ({
    path: `files/${String(f._id)}-${cleanFileName(f.filename)}`,
    fileId: f._id as unknown as Types.ObjectId,
  }));
  documents['files.json'] = plain(
    stored.map((f, i) => ({
      id: f._id,
      name: f.filename,
      purpose: f.metadata?.purpose,
      contentType: f.metadata?.contentType,
      size: f.length,
      uploadedAt: f.uploadDate,
      applicationId: f.metadata?.applicationId ?? null,
      path: files[i]?.path,
    })),
  );
  const day = deps.clock.now().toISOString().slice(0, 10);
  return { filename: `promesse-donnees-${day}.zip`, documents, files };
}

/**
 * The caller's own export (any role), or, with `studentId`, a student's: the student themself or the staff of their
 * school (anyone else FORBIDDEN; an unknown or erased student NOT_FOUND).
 */
export const exportPersonalData = defineUseCase({
  name: 'exportPersonalData',
  input: exportStudentSchema,
  access: 'authenticated',
  run: async ({ studentId }, { actor, deps }): Promise<PersonalDataExport> => {
    if (studentId) {
      const student = await findStudent(deps, studentId);
      if (!student || student.erasedAt) throw notFound('Student', studentId);
      if (!canExportStudent(actor, student)) throw forbidden('privacy.ownStudentsOnly');
      return gather(deps, { userId: student.userId, studentId: student._id }, actor.locale);
    }
    const own = await findStudentByUserId(deps, actor.userId);
    return gather(deps, { userId: toObjectId(actor.userId), studentId: own?._id ?? null }, actor.locale);
  },
});
