import { mongo, type Connection } from 'mongoose';
import type { FilePurpose } from '@promesse/shared';

// Files live in GridFS (bucket "files": collections files.files and files.chunks), on the app's own connection:
// ordinary documents, so the embedded engine and a real MongoDB both hold them, backups included.

export const FILE_BUCKET = 'files';

/** What we store in a GridFS file's `metadata`. */
export interface FileMetadata {
  purpose: FilePurpose;
  /** The type read from the bytes at upload (never the browser's claim). */
  contentType: string;
  uploadedBy: mongo.ObjectId;
  /** WORKSHOP_PHOTO: the company whose profile shows it. */
  companyId?: mongo.ObjectId;
  /** CV: the student it belongs to. */
  studentId?: mongo.ObjectId;
  /** ATTACHMENT: the application whose conversation it was uploaded to, and the message once sent. */
  applicationId?: mongo.ObjectId;
  messageId?: mongo.ObjectId | null;
}

export type StoredFile = mongo.GridFSFile & { metadata: FileMetadata };

export function fileBucket(connection: Connection): mongo.GridFSBucket {
  const db = connection.db;
  if (!db) throw new Error('database not connected');
  return new mongo.GridFSBucket(db, { bucketName: FILE_BUCKET });
}

export function filesCollection(connection: Connection): mongo.Collection<StoredFile> {
  return connection.collection<StoredFile>(`${FILE_BUCKET}.files`);
}
