import { fileTypeFromBuffer } from 'file-type/core';
import { Types } from 'mongoose';
import {
  badUserInput,
  cleanFileName,
  FILE_RULES,
  fileUrl,
  forbidden,
  isAcceptedType,
  notFound,
  renderMessage,
  uploadFileSchema,
} from '@promesse/shared';
import * as z from 'zod';
import { isRecruiter, isStudent, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { sameId } from '../../core/ids';
import { defineUseCase } from '../../core/use-case';
import { recordAccesses } from '../access-log/access-log.queries';
import { conversationAccess } from '../conversation/conversation.queries';
import { canReadCv } from '../student/student.policy';
import {
  findStudent,
  findStudentByUserId,
  isCurrentCv,
  knownCompanyStudentPairs,
  setStudentCv,
} from '../student/student.queries';
import type { StoredFile } from './file.model';
import { deleteFile, findFile, storeFile } from './file.queries';

export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

/** The type the bytes say (magic numbers), whatever the name or the declared type. */
async function detectType(bytes: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}

/**
 * Stores an uploaded file after checking its size and, from its bytes, its type. CV: the student's own, a PDF; it
 * replaces the previous one (deleted). ATTACHMENT: a PDF or an image, uploaded by someone who may write in the
 * application's conversation; it is bound to a message when the message is sent (sendMessage).
 */
export const uploadFile = defineUseCase({
  name: 'uploadFile',
  // A malformed application id is NOT_FOUND, as an unknown one (conversationAccess).
  input: uploadFileSchema.extend({
    applicationId: z.string().nullish(),
    filename: z.string(),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    /** The upload went past the purpose's cap (the route stopped keeping its bytes). */
    truncated: z.boolean().optional(),
  }),
  access: ['STUDENT', 'COMPANY_RECRUITER', 'SCHOOL_STAFF'],
  run: async (input, { actor, deps }): Promise<UploadedFile> => {
    // Workshop photo: stored now, shown once addCompanyPhoto puts it on the profile (with its alternative text).
    const rule = FILE_RULES[input.purpose];
    const name = cleanFileName(input.filename);
    const base = { uploadedBy: new Types.ObjectId(actor.userId) };
    let metadata;
    let studentId: Types.ObjectId | null = null;
    if (input.purpose === 'WORKSHOP_PHOTO') {
      if (!isRecruiter(actor)) throw forbidden('file.photoRecruitersOnly');
      metadata = { ...base, purpose: 'WORKSHOP_PHOTO' as const, companyId: new Types.ObjectId(actor.companyId) };
    } else if (input.purpose === 'CV') {
      if (!isStudent(actor)) throw forbidden('file.cvStudentsOnly');
      const student = await findStudentByUserId(deps, actor.userId);
      if (!student) throw notFound('Student');
      studentId = student._id;
      metadata = { ...base, purpose: 'CV' as const, studentId };
    } else {
      if (!input.applicationId) throw notFound('Application');
      const { application } = await conversationAccess(deps, actor, input.applicationId, 'write');
      metadata = { ...base, purpose: 'ATTACHMENT' as const, applicationId: application._id, messageId: null };
    }
    if (input.bytes.byteLength === 0 && !input.truncated) throw badUserInput('file.missing');
    if (input.truncated || input.bytes.byteLength > rule.maxBytes) {
      throw badUserInput('file.tooLarge', { limit: rule.label });
    }
    const contentType = await detectType(input.bytes);
    if (!isAcceptedType(input.purpose, contentType)) {
      if (input.purpose === 'CV') throw badUserInput('file.badTypeCv');
      if (input.purpose === 'WORKSHOP_PHOTO') throw badUserInput('file.badTypePhoto');
      throw badUserInput('file.badType', { accepted: renderMessage('file.acceptedAttachments') });
    }
    const type = contentType as string;
    const id = await storeFile(deps, {
      bytes: input.bytes,
      filename: name,
      metadata: { ...metadata, contentType: type },
    });
    if (studentId) {
      const previous = await setStudentCv(deps, studentId, {
        fileId: id,
        name,
        size: input.bytes.byteLength,
        uploadedAt: deps.clock.now(),
      });
      if (previous && !previous.equals(id)) await deleteFile(deps, previous);
    }
    return { id: String(id), name, contentType: type, size: input.bytes.byteLength, url: fileUrl(String(id)) };
  },
});

/** Whether the actor may read the file (see the comment of readFile). */
async function mayRead(deps: DataDeps, actor: Actor, file: StoredFile): Promise<boolean> {
  const meta = file.metadata;
  // A company's profile is shown to every student its promises reach (no personal data): any signed-in reader.
  if (meta.purpose === 'WORKSHOP_PHOTO') return true;
  if (meta.purpose === 'CV') {
    if (!meta.studentId) return false;
    const student = await findStudent(deps, meta.studentId);
    if (!student || !(await isCurrentCv(deps, student._id, file._id))) return false;
    const key = isRecruiter(actor) ? `${actor.companyId}:${String(student._id)}` : null;
    return canReadCv(actor, student, {
      knowsStudent: async () => (key ? (await knownCompanyStudentPairs(deps, [key])).size > 0 : false),
    });
  }
  if (!meta.applicationId) return false;
  // Not sent yet: its uploader's only.
  if (!meta.messageId) return sameId(meta.uploadedBy, actor.userId);
  try {
    await conversationAccess(deps, actor, String(meta.applicationId), 'read');
    return true;
  } catch {
    return false;
  }
}

/**
 * A stored file's description, for the download route to stream. CV: the student, their school's staff, recruiters
 * of a company the student applied or was recommended to (only the current CV). Attachment: whoever reads the
 * conversation (the student, the company's recruiters, the school's staff). Unknown id: NOT_FOUND; others: FORBIDDEN.
 */
export const readFile = defineUseCase({
  name: 'readFile',
  input: z.object({ id: z.string() }),
  access: 'authenticated',
  run: async ({ id }, { actor, deps }): Promise<StoredFile> => {
    const file = await findFile(deps, id);
    if (!file || !file.metadata) throw notFound('File', id);
    if (!(await mayRead(deps, actor, file))) throw forbidden('file.notVisible');
    // A company user reading a student's CV is recorded in the access log (issue 18); mayRead checked it is current.
    if (file.metadata.purpose === 'CV' && file.metadata.studentId && isRecruiter(actor)) {
      const student = await findStudent(deps, file.metadata.studentId);
      if (student) {
        await recordAccesses(deps, [
          {
            viewerId: actor.userId,
            companyId: actor.companyId,
            studentId: student._id,
            schoolId: student.schoolId,
            kind: 'CV',
          },
        ]);
      }
    }
    return file;
  },
});
