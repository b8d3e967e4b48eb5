import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { conversationReadModel, messageModel } from './conversation.model';

// What the privacy module (issue 18) may ask of the conversations' module.

type Deps = Pick<DataDeps, 'connection'>;

/**
 * The messages of a student's own threads (their applications: the student and the company's recruiters only),
 * oldest first, as each side saw them.
 */
export function messagesForExport(deps: Deps, applicationIds: readonly Types.ObjectId[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return messageModel(deps.connection)
    .find(
      { applicationId: { $in: [...applicationIds] } },
      { applicationId: 1, authorSide: 1, authorName: 1, body: 1, attachments: 1, createdAt: 1 },
    )
    .sort({ applicationId: 1, _id: 1 })
    .lean();
}

/**
 * Deletes the threads of a student's applications (both sides' messages: a recruiter's reply quotes and names the
 * student) and the read marks, and every read mark of the user. Idempotent.
 */
export async function eraseConversationsOf(
  deps: Deps,
  person: { userId: Types.ObjectId; applicationIds: readonly Types.ObjectId[] },
  session: ClientSession,
): Promise<void> {
  const ids = [...person.applicationIds];
  if (ids.length) {
    await messageModel(deps.connection).deleteMany({ applicationId: { $in: ids } }, { session });
  }
  await conversationReadModel(deps.connection).deleteMany(
    { $or: [{ userId: person.userId }, ...(ids.length ? [{ applicationId: { $in: ids } }] : [])] },
    { session },
  );
}
