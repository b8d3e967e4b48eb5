import { CombinedError } from '@urql/core';
import { FILES_PATH, privacyExportUrl, type FilePurpose } from '@promesse/shared';
import { authStore } from '../auth/auth.store';

// Files travel outside GraphQL (api/src/modules/file/file.http.ts): multipart upload and download, both with the
// access token as a Bearer header (never a cookie), so a file link is useless to anyone without the session. A
// download is fetched, then shown from a blob URL.

export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

/** The route's error body as the GraphQL client's error, so the usual messages (errorText) apply. */
async function failure(res: Response): Promise<CombinedError> {
  try {
    const body = (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    if (body.errors?.length) return new CombinedError({ graphQLErrors: body.errors, response: res });
  } catch {
    // Not JSON: fall through to a network-like error.
  }
  return new CombinedError({ networkError: new Error(`HTTP ${res.status}`), response: res });
}

function authHeaders(): Record<string, string> {
  const token = authStore.get().token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function uploadFile(purpose: FilePurpose, file: File, applicationId?: string): Promise<UploadedFile> {
  const query = new URLSearchParams({ purpose, ...(applicationId ? { applicationId } : {}) });
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`${FILES_PATH}?${query.toString()}`, { method: 'POST', body: form, headers: authHeaders() });
  } catch (error) {
    throw new CombinedError({ networkError: error as Error });
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as UploadedFile;
}

/** Fetches a file with the session; resolves to its bytes (an image to show from a blob URL). */
export async function fetchFile(url: string, signal?: AbortSignal): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeaders(), ...(signal ? { signal } : {}) });
  } catch (error) {
    throw new CombinedError({ networkError: error as Error });
  }
  if (!res.ok) throw await failure(res);
  return res.blob();
}

/** Fetches a file with the session and opens it in a new tab (PDF viewer, image). */
export async function openFile(url: string): Promise<void> {
  // Opened first, inside the click, so the browser does not block it as a pop-up; filled once the bytes are here.
  const tab = window.open('', '_blank');
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeaders() });
  } catch (error) {
    tab?.close();
    throw new CombinedError({ networkError: error as Error });
  }
  if (!res.ok) {
    tab?.close();
    throw await failure(res);
  }
  const blobUrl = URL.createObjectURL(await res.blob());
  if (tab) tab.location.href = blobUrl;
  else window.location.assign(blobUrl);
  // The tab keeps its document; the URL itself is not needed for long.
  setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
}

/**
 * The personal data export (a ZIP, api/src/modules/privacy/privacy.http.ts): fetched with the session, then saved
 * under the name the API gives. `studentId`: staff export one of their students.
 */
export async function downloadPersonalData(studentId?: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(privacyExportUrl(studentId), { headers: authHeaders() });
  } catch (error) {
    throw new CombinedError({ networkError: error as Error });
  }
  if (!res.ok) throw await failure(res);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'promesse.zip';
  const blobUrl = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = blobUrl;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
}
