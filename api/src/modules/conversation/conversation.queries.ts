import { forbidden, notFound } from '@promesse/shared';
import type { Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import type { ApplicationDoc } from '../application/application.model';
import { findApplicationById } from '../application/application.queries';
import { findStudent } from '../student/student.queries';
import { canWrite, conversationSide, type ConversationSide } from './conversation.policy';

// What other modules may ask of conversations (the files module: who may upload to or read an attachment).

export interface ConversationAccess {
  application: ApplicationDoc;
  side: ConversationSide;
}

/**
 * The actor's side in the conversation of an application: NOT_FOUND for an unknown application, FORBIDDEN for an
 * actor who has no part in it (or, with `write`, who may only read it).
 */
export async function conversationAccess(
  deps: Pick<DataDeps, 'connection'>,
  actor: Actor,
  applicationId: string,
  mode: 'read' | 'write',
): Promise<ConversationAccess> {
  const application = await findApplicationById(deps, applicationId);
  if (!application) throw notFound('Application', applicationId);
  const student = actor.role === 'STUDENT' ? await findStudent(deps, application.studentId) : null;
  const side = conversationSide(actor, application, student?.userId);
  if (!side) throw forbidden('conversation.notVisible');
  if (mode === 'write' && !canWrite(side)) throw forbidden('conversation.readOnly');
  return { application, side };
}
