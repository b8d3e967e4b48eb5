import { mongo, type ClientSession, type Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { FILE_BUCKET, filesCollection, type StoredFile } from './file.model';

// What the privacy module (issue 18) may ask of stored files.

type Deps = Pick<DataDeps, 'connection'>;

/** The files a person uploaded (their CV, their attachments), oldest first. */
export function filesForExport(
  deps: Deps,
  person: { userId: Types.ObjectId; studentId?: Types.ObjectId | null },
): Promise<StoredFile[]> {
  const or: Record<string, unknown>[] = [{ 'metadata.uploadedBy': new mongo.ObjectId(String(person.userId)) }];
  if (person.studentId) or.push({ 'metadata.studentId': new mongo.ObjectId(String(person.studentId)) });
  return filesCollection(deps.connection).find({ $or: or }).sort({ uploadedDate: 1, _id: 1 }).toArray();
}

/**
 * Deletes, with their chunks, the person's files (CV, attachments they uploaded) and every attachment of the
 * threads being erased (applicationIds). Done on the two GridFS collections directly so it is part of the
 * caller's transaction. Idempotent.
 */
export async function eraseFilesOf(
  deps: Deps,
  person: { userId: Types.ObjectId; studentId?: Types.ObjectId | null; applicationIds?: readonly Types.ObjectId[] },
  session: ClientSession,
): Promise<number> {
  const oid = (id: Types.ObjectId) => new mongo.ObjectId(String(id));
  const or: Record<string, unknown>[] = [{ 'metadata.uploadedBy': oid(person.userId) }];
  if (person.studentId) or.push({ 'metadata.studentId': oid(person.studentId) });
  if (person.applicationIds?.length) {
    or.push({ 'metadata.applicationId': { $in: person.applicationIds.map(oid) } });
  }
  const files = filesCollection(deps.connection);
  const ids = (await files.find({ $or: or }, { projection: { _id: 1 }, session }).toArray()).map((f) => f._id);
  if (!ids.length) return 0;
  await deps.connection.collection(`${FILE_BUCKET}.chunks`).deleteMany({ files_id: { $in: ids } }, { session });
  await files.deleteMany({ _id: { $in: ids } }, { session });
  return ids.length;
}
