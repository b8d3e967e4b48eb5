import { mongo, type ClientSession } from 'mongoose';
import { isObjectId } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { fileBucket, filesCollection, type FileMetadata, type StoredFile } from './file.model';

// What other modules may ask of stored files (students' CVs, conversation attachments).

type Deps = Pick<DataDeps, 'connection'>;
type Id = string | mongo.ObjectId;

function oid(id: Id): mongo.ObjectId {
  return typeof id === 'string' ? new mongo.ObjectId(id) : id;
}

/** Writes the bytes into GridFS with their metadata; resolves to the new file's id. */
export async function storeFile(
  deps: Deps,
  args: { bytes: Uint8Array; filename: string; metadata: FileMetadata },
): Promise<mongo.ObjectId> {
  const upload = fileBucket(deps.connection).openUploadStream(args.filename, { metadata: args.metadata });
  await new Promise<void>((resolve, reject) => {
    upload.once('error', reject);
    upload.once('finish', () => resolve());
    upload.end(Buffer.from(args.bytes.buffer, args.bytes.byteOffset, args.bytes.byteLength));
  });
  return upload.id;
}

/** The file's description, or null for an unknown or malformed id. */
export async function findFile(deps: Deps, id: string): Promise<StoredFile | null> {
  if (!isObjectId(id)) return null;
  return filesCollection(deps.connection).findOne({ _id: new mongo.ObjectId(id) });
}

export async function filesByIds(deps: Deps, ids: readonly string[]): Promise<StoredFile[]> {
  const valid = ids.filter(isObjectId).map((id) => new mongo.ObjectId(id));
  if (!valid.length) return [];
  return filesCollection(deps.connection)
    .find({ _id: { $in: valid } })
    .toArray();
}

/** A workshop photo uploaded by one of the company's recruiters, or null (unknown, other purpose, other company). */
export async function companyPhotoFile(deps: Deps, id: string, companyId: Id): Promise<StoredFile | null> {
  const file = await findFile(deps, id);
  if (!file || file.metadata?.purpose !== 'WORKSHOP_PHOTO') return null;
  return file.metadata.companyId && oid(companyId).equals(file.metadata.companyId) ? file : null;
}

/** The file's bytes, streamed from its chunks. */
export function openFileStream(deps: Deps, id: Id): mongo.GridFSBucketReadStream {
  return fileBucket(deps.connection).openDownloadStream(oid(id));
}

/** Deletes a file and its chunks; an already deleted one is not an error. */
export async function deleteFile(deps: Deps, id: Id): Promise<void> {
  try {
    await fileBucket(deps.connection).delete(oid(id));
  } catch (error) {
    if (!(error instanceof mongo.MongoRuntimeError) || !/not found/i.test(error.message)) throw error;
  }
}

/**
 * Binds uploaded attachments to a message: only files uploaded by `uploadedBy` to this application's conversation
 * and not yet sent. Resolves to the files bound (fewer than asked means some were not usable).
 */
export async function claimAttachments(
  deps: Deps,
  args: { ids: readonly string[]; applicationId: Id; uploadedBy: Id; messageId: Id },
  session: ClientSession | null = null,
): Promise<StoredFile[]> {
  if (!args.ids.length) return [];
  const files = filesCollection(deps.connection);
  const filter = {
    _id: { $in: args.ids.filter(isObjectId).map((id) => new mongo.ObjectId(id)) },
    'metadata.purpose': 'ATTACHMENT',
    'metadata.applicationId': oid(args.applicationId),
    'metadata.uploadedBy': oid(args.uploadedBy),
    'metadata.messageId': null,
  };
  const usable = await files.find(filter, session ? { session } : {}).toArray();
  if (usable.length !== new Set(args.ids).size) return usable;
  await files.updateMany(
    { ...filter, _id: { $in: usable.map((f) => f._id) } },
    { $set: { 'metadata.messageId': oid(args.messageId) } },
    session ? { session } : {},
  );
  return usable;
}
