import { Types } from 'mongoose';
import {
  badUserInput,
  conversationInputSchema,
  offAppContactSignals,
  renderMessage,
  sendMessageSchema,
} from '@promesse/shared';
import * as z from 'zod';
import type { Actor } from '../../core/actor';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { loadRecipients } from '../auth/auth.queries';
import { companyNameOf } from '../company/company.queries';
import { claimAttachments } from '../file/file.queries';
import { findJobPromise } from '../job-promise/job-promise.queries';
import { createNotifications, type NotificationItem } from '../notification/notification.queries';
import { findStudent } from '../student/student.queries';
import { conversationReadModel, messageModel, type MessageDoc } from './conversation.model';
import { conversationAccess, type ConversationAccess } from './conversation.queries';

/** What a conversation resolves from: the application, the caller's side, the caller. */
export interface Conversation extends ConversationAccess {
  viewer: Actor;
}

const EXCERPT_LENGTH = 140;

function excerptOf(body: string | undefined): string | undefined {
  if (!body) return undefined;
  return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body;
}

// A malformed application id is NOT_FOUND, as an unknown one (conversationAccess decides).
const byApplication = conversationInputSchema.extend({ applicationId: z.string() });

/** The conversation of an application: the student, the company's recruiters (write), the school's staff (read). */
export const getConversation = defineUseCase({
  name: 'getConversation',
  input: byApplication,
  access: ['STUDENT', 'COMPANY_RECRUITER', 'SCHOOL_STAFF'],
  run: async ({ applicationId }, { actor, deps }): Promise<Conversation> => ({
    ...(await conversationAccess(deps, actor, applicationId, 'read')),
    viewer: actor,
  }),
});

/**
 * The student or a recruiter of the company writes (text, attachments uploaded before through the files route, or
 * both). In one transaction: the message, its attachments bound to it, MESSAGE_RECEIVED to the other side (the
 * student, or every recruiter of the company) and, when a recruiter's message looks like asking for contact
 * outside the app, CONTACT_REQUEST_FLAGGED to the staff of the student's school. The recipients' sockets get
 * `message:new` once it committed (realtime).
 */
export const sendMessage = defineUseCase({
  name: 'sendMessage',
  input: sendMessageSchema.safeExtend({ applicationId: z.string() }),
  inputPath: 'input',
  access: ['STUDENT', 'COMPANY_RECRUITER', 'SCHOOL_STAFF'],
  run: async (input, { actor, deps }): Promise<MessageDoc> => {
    const access = await conversationAccess(deps, actor, input.applicationId, 'write');
    const app = access.application;
    // 'write' let only the student and the company through.
    const side = access.side === 'STUDENT' ? 'STUDENT' : 'COMPANY';
    const student = await findStudent(deps, app.studentId);
    if (!student) throw new Error(`application ${String(app._id)} has no student`);
    const companyName = (await companyNameOf(deps, app.companyId)) ?? '';
    const studentName = `${student.firstName} ${student.lastName}`;
    const jp = await findJobPromise(deps, app.jobPromiseId);
    const signals = side === 'COMPANY' && input.body ? offAppContactSignals(input.body) : [];
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];

    return inTransaction(deps, async (session) => {
      const _id = new Types.ObjectId();
      const files = await claimAttachments(
        deps,
        { ids: attachmentIds, applicationId: app._id, uploadedBy: actor.userId, messageId: _id },
        session,
      );
      if (files.length !== attachmentIds.length) {
        throw badUserInput('file.attachmentNotUsable', undefined, [
          { path: 'input.attachmentIds', message: renderMessage('file.attachmentNotUsable') },
        ]);
      }
      const [message] = await messageModel(deps.connection).create(
        [
          {
            _id,
            applicationId: app._id,
            companyId: app.companyId,
            schoolId: app.schoolId,
            studentId: app.studentId,
            authorUserId: new Types.ObjectId(actor.userId),
            authorSide: side,
            authorName: side === 'STUDENT' ? studentName : companyName,
            ...(input.body ? { body: input.body } : {}),
            attachments: files.map((f) => ({
              fileId: f._id,
              name: f.filename,
              contentType: f.metadata.contentType,
              size: f.length,
            })),
            contactSignals: signals,
          },
        ],
        { session },
      );
      if (!message) throw new Error('message insert returned nothing');
      const recipients = await loadRecipients(
        deps,
        { schoolIds: [app.schoolId], companyIds: [app.companyId] },
        session,
      );
      const excerpt = excerptOf(input.body);
      const received = {
        applicationId: String(app._id),
        messageId: String(_id),
        jobPromiseTitle: jp.title,
        authorName: message.authorName,
        ...(excerpt ? { excerpt } : {}),
      };
      const others = side === 'STUDENT' ? recipients.recruitersOfCompany(app.companyId) : [student.userId];
      const items: NotificationItem[] = others.map((userId) => ({ userId, type: 'MESSAGE_RECEIVED', data: received }));
      if (signals.length) {
        for (const userId of recipients.staffOfSchool(app.schoolId)) {
          items.push({
            userId,
            type: 'CONTACT_REQUEST_FLAGGED',
            data: {
              applicationId: String(app._id),
              messageId: String(_id),
              studentId: String(student._id),
              studentName,
              companyName,
              signals,
            },
          });
        }
      }
      await createNotifications(deps, session, items);
      // The author has read what they wrote.
      await conversationReadModel(deps.connection).updateOne(
        { userId: new Types.ObjectId(actor.userId), applicationId: app._id },
        { $set: { lastReadId: _id } },
        { upsert: true, session },
      );
      return message;
    });
  },
});

/** Marks every message of the conversation read for the caller (their unread count of it becomes 0). */
export const markConversationRead = defineUseCase({
  name: 'markConversationRead',
  input: byApplication,
  access: ['STUDENT', 'COMPANY_RECRUITER', 'SCHOOL_STAFF'],
  run: async ({ applicationId }, { actor, deps }): Promise<Conversation> => {
    const access = await conversationAccess(deps, actor, applicationId, 'read');
    const last = await messageModel(deps.connection)
      .findOne({ applicationId: access.application._id }, { _id: 1 })
      .sort({ _id: -1 })
      .lean();
    if (last) {
      // Only forward: a late call never makes read messages unread again.
      const userId = new Types.ObjectId(actor.userId);
      const Read = conversationReadModel(deps.connection);
      const updated = await Read.updateOne(
        { userId, applicationId: access.application._id, lastReadId: { $lt: last._id } },
        { $set: { lastReadId: last._id } },
      );
      if (updated.matchedCount === 0) {
        await Read.updateOne(
          { userId, applicationId: access.application._id },
          { $setOnInsert: { lastReadId: last._id } },
          { upsert: true },
        ).catch((error: unknown) => {
          // A concurrent first mark won the insert: it is at least as far.
          if (!(error instanceof Error && /E11000/.test(error.message))) throw error;
        });
      }
    }
    return { ...access, viewer: actor };
  },
});
