import type { TestApp } from './helpers';

// Uploads and downloads over the real /files route, and real file heads (the type is read from the bytes, never
// from the name): shared by the conversation (CV, attachments) and hiring (workshop photos) tests.

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
export const TEXT = Buffer.from('Bonjour, ceci est un texte qui prétend être un PDF.');

export async function upload(
  t: TestApp,
  token: string | undefined,
  query: string,
  bytes: Buffer,
  name: string,
  declaredType = 'application/pdf',
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: declaredType }), name);
  const res = await fetch(`${t.url}/files?${query}`, {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: await res.json() };
}

export async function download(
  t: TestApp,
  token: string | undefined,
  url: string,
): Promise<{ status: number; bytes: Buffer; type: string }> {
  const res = await fetch(`${t.url}${url}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    bytes: Buffer.from(await res.arrayBuffer()),
    type: res.headers.get('content-type') ?? '',
  };
}
