import { createHash } from 'node:crypto';
import { link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

// The `.eml` files the in-process SMTP server received (DATA_DIR/mail): what the development page lists and what
// tests read. A file is named after the message's Message-ID, so a message delivered twice (a worker that died after
// the server accepted it, before it could record the fact) is stored once.

export interface StoredMail {
  /** The file's name without `.eml`. */
  id: string;
  receivedAt: Date;
  messageId: string | undefined;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | undefined;
  /** Header lines by lower-case name (the last value when repeated). */
  headers: Record<string, string>;
  /** Attached files (calendar invitations), their content as text. */
  attachments: { filename: string; contentType: string; content: string }[];
}

const ID_PATTERN = /^[a-f0-9]{32}$/;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

async function parse(id: string, raw: Buffer, receivedAt: Date): Promise<StoredMail> {
  const parsed = await simpleParser(raw);
  return {
    id,
    receivedAt,
    messageId: parsed.messageId,
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html === false ? undefined : parsed.html,
    headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      content: a.content.toString('utf8'),
    })),
  };
}

/** Stores one received message; `stored: false` when a message with the same Message-ID is already there. */
export async function storeMail(dir: string, raw: Buffer): Promise<{ id: string; stored: boolean }> {
  // The Message-ID is in the header block: parse that alone, not the whole message.
  const headerEnd = raw.indexOf('\r\n\r\n');
  const { messageId } = await simpleParser(headerEnd < 0 ? raw : raw.subarray(0, headerEnd + 4));
  const id = createHash('sha256')
    .update(messageId ?? raw)
    .digest('hex')
    .slice(0, 32);
  await mkdir(dir, { recursive: true });
  // Written aside, then linked into place: readers never see half a file and link() refuses an existing name.
  const temporary = path.join(dir, `.${id}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temporary, raw);
  try {
    await link(temporary, path.join(dir, `${id}.eml`));
    return { id, stored: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { id, stored: false };
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** One stored message, parsed; null for an unknown or malformed id. */
export async function readStoredMail(dir: string, id: string): Promise<StoredMail | null> {
  if (!ID_PATTERN.test(id)) return null;
  const file = path.join(dir, `${id}.eml`);
  try {
    const [raw, info] = await Promise.all([readFile(file), stat(file)]);
    return await parse(id, raw, info.mtime);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The raw `.eml` bytes of one stored message (download), null when unknown. */
export async function readStoredMailSource(dir: string, id: string): Promise<Buffer | null> {
  if (!ID_PATTERN.test(id)) return null;
  return readFile(path.join(dir, `${id}.eml`)).catch(() => null);
}

/** Every stored message, newest first. */
export async function listStoredMails(dir: string): Promise<StoredMail[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const mails = await Promise.all(
    names
      .filter((n) => n.endsWith('.eml'))
      .map((n) => n.slice(0, -'.eml'.length))
      .map((id) => readStoredMail(dir, id)),
  );
  return mails
    .filter((m): m is StoredMail => m !== null)
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || a.id.localeCompare(b.id));
}
