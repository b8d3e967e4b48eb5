import * as z from 'zod';
import { Types } from 'mongoose';
import {
  createJobAlertSchema,
  deleteJobAlertSchema,
  forbidden,
  JOB_ALERTS_MAX,
  notFound,
  conflict,
} from '@promesse/shared';
import { isStudent } from '../../core/actor';
import { validObjectIds } from '../../core/ids';
import { defineUseCase } from '../../core/use-case';
import { jobAlertModel, type JobAlertRow } from './job-alert.model';

/** The caller's saved searches, newest first (students). */
export const listMyJobAlerts = defineUseCase({
  name: 'listMyJobAlerts',
  input: z.object({}),
  access: ['STUDENT'],
  run: async (_input, { actor, deps }): Promise<JobAlertRow[]> =>
    jobAlertModel(deps.connection)
      .find({ userId: new Types.ObjectId(actor.userId) })
      .sort({ createdAt: -1, _id: -1 })
      .lean<JobAlertRow[]>(),
});

/** Saves a search; at most JOB_ALERTS_MAX per student. */
export const createJobAlert = defineUseCase({
  name: 'createJobAlert',
  input: createJobAlertSchema,
  inputPath: 'input',
  access: ['STUDENT'],
  run: async ({ name, filter }, { actor, deps }): Promise<JobAlertRow> => {
    if (!isStudent(actor) || !actor.schoolId) throw forbidden('jobAlert.studentsOnly');
    const JobAlert = jobAlertModel(deps.connection);
    const userId = new Types.ObjectId(actor.userId);
    if ((await JobAlert.countDocuments({ userId })) >= JOB_ALERTS_MAX) {
      throw conflict('jobAlert.tooMany', { max: JOB_ALERTS_MAX });
    }
    const created = await JobAlert.create({
      userId,
      schoolId: new Types.ObjectId(actor.schoolId),
      name,
      filter: {
        trade: filter.trade ?? null,
        contractType: filter.contractType ?? null,
        text: filter.text ?? null,
        near: filter.near ?? null,
      },
    });
    return created.toObject() as JobAlertRow;
  },
});

/** Deletes one of the caller's saved searches (someone else's reads as unknown). */
export const deleteJobAlert = defineUseCase({
  name: 'deleteJobAlert',
  input: deleteJobAlertSchema,
  access: ['STUDENT'],
  run: async ({ id }, { actor, deps }): Promise<boolean> => {
    const [objectId] = validObjectIds([id]);
    const result = objectId
      ? await jobAlertModel(deps.connection).deleteOne({ _id: objectId, userId: new Types.ObjectId(actor.userId) })
      : { deletedCount: 0 };
    if (result.deletedCount === 0) throw notFound('JobAlert', id);
    return true;
  },
});
