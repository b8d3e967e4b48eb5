// What the app accepts as an uploaded file. The type is decided by the file's bytes (API side), never by its name
// or the browser's declared type; the web checks the size and declared type first only to answer sooner.

/** One mebibyte. */
const MB = 1024 * 1024;

/**
 * Why a file is uploaded: the student's CV, an attachment of an application's conversation, or a photo of the
 * company's workshop (its profile, shown to students on its promises).
 */
export const FILE_PURPOSES = ['CV', 'ATTACHMENT', 'WORKSHOP_PHOTO'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const PDF_TYPE = 'application/pdf';
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** Accepted types (as detected from the bytes) and size cap per purpose. */
export const FILE_RULES: {
  readonly [P in FilePurpose]: { types: readonly string[]; maxBytes: number; label: string };
} = {
  CV: { types: [PDF_TYPE], maxBytes: 5 * MB, label: '5 Mo' },
  ATTACHMENT: { types: [PDF_TYPE, ...IMAGE_TYPES], maxBytes: 5 * MB, label: '5 Mo' },
  // Still images every browser shows (no GIF: a workshop is shown, not animated); 2 MB is plenty for a photo
  // resized for the web and keeps a promise page light on a phone.
  WORKSHOP_PHOTO: { types: ['image/png', 'image/jpeg', 'image/webp'], maxBytes: 2 * MB, label: '2 Mo' },
};

/** Workshop photos a company shows at most, and the length of their alternative text. */
export const COMPANY_PHOTO_LIMITS = { max: 6, alt: 200 } as const;

/** The largest file any purpose accepts (the upload route's body limit adds the multipart envelope to it). */
export const FILE_MAX_BYTES = Math.max(...Object.values(FILE_RULES).map((r) => r.maxBytes));

/** Attachments per message. */
export const ATTACHMENTS_PER_MESSAGE_MAX = 5;

/** Upload and download routes (same origin as the API). */
export const FILES_PATH = '/files';

export function fileUrl(id: string): string {
  return `${FILES_PATH}/${id}`;
}

/** For `<input type="file" accept>`: the declared types a purpose accepts. */
export function acceptAttribute(purpose: FilePurpose): string {
  return FILE_RULES[purpose].types.join(',');
}

/** Is `detected` (the type read from the bytes) accepted for `purpose`? */
export function isAcceptedType(purpose: FilePurpose, detected: string | undefined): boolean {
  return detected !== undefined && FILE_RULES[purpose].types.includes(detected);
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters, bounded. */
export function cleanFileName(name: string, fallback = 'document'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}
