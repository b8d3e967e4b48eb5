// MongoDB wire protocol framing: OP_MSG (2013), legacy OP_QUERY (2004) requests and OP_REPLY (1) answers.
import type { Document } from 'bson';
import { deserialize, serialize } from '../storage/bson.values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_BSON_SIZE = 16 * 1024 * 1024;

export const FLAG_CHECKSUM_PRESENT = 1 << 0;
export const FLAG_MORE_TO_COME = 1 << 1;
export const FLAG_EXHAUST_ALLOWED = 1 << 16;

export class ProtocolError extends Error {}

export interface IncomingMessage {
  requestId: number;
  opCode: number;
  /** The command document (for OP_MSG, kind-1 sequences are merged in as arrays). */
  command: Document;
  flags: number;
  /** OP_QUERY only: "db.$cmd". */
  fullCollectionName?: string;
}

/** Splits a byte stream into whole messages; throws ProtocolError on an impossible length. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private size = 0;

  /** Bytes held for a message not yet complete. */
  get pending(): number {
    return this.size;
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const out: Buffer[] = [];
    while (this.size >= 4) {
      const head = this.peekHeader();
      const len = head.readInt32LE(0);
      if (len < 16 || len > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${len}`);
      if (this.size < len) break;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
      out.push(all.subarray(0, len));
      const rest = all.subarray(len);
      this.chunks = rest.length ? [rest] : [];
      this.size = rest.length;
    }
    return out;
  }

  private peekHeader(): Buffer {
    if (this.chunks[0]!.length >= 4) return this.chunks[0]!;
    const all = Buffer.concat(this.chunks, this.size);
    this.chunks = [all];
    return all;
  }
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDoc(buf: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 5 > limit) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > limit) throw new ProtocolError('invalid BSON document size');
  // bson throws BSONError on malformed input; the caller closes the connection.
  const doc = deserialize(buf.subarray(offset, offset + size));
  return [doc, offset + size];
}

export function parseMessage(buf: Buffer): IncomingMessage {
  const requestId = buf.readInt32LE(4);
  const opCode = buf.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    let limit = buf.length;
    if (flags & FLAG_CHECKSUM_PRESENT) limit -= 4;
    let off = 20;
    let command: Document | undefined;
    const sequences: [string, Document[]][] = [];
    while (off < limit) {
      const kind = buf[off]!;
      off += 1;
      if (kind === 0) {
        [command, off] = readDoc(buf, off, limit);
      } else if (kind === 1) {
        const size = buf.readInt32LE(off);
        const end = off + size;
        if (size < 5 || end > limit) throw new ProtocolError('invalid document sequence size');
        const [id, start] = readCString(buf, off + 4);
        let p = start;
        const docs: Document[] = [];
        while (p < end) {
          let d: Document;
          [d, p] = readDoc(buf, p, end);
          docs.push(d);
        }
        sequences.push([id, docs]);
        off = end;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!command) throw new ProtocolError('OP_MSG without body section');
    for (const [id, docs] of sequences) command[id] = docs;
    return { requestId, opCode, command, flags };
  }
  if (opCode === OP_QUERY) {
    const flags = buf.readInt32LE(16);
    const [fullCollectionName, p] = readCString(buf, 20);
    const [query] = readDoc(buf, p + 8, buf.length);
    // Legacy wrapped form: { $query: {...}, $readPreference }.
    const command = query.$query && typeof query.$query === 'object' ? query.$query : query;
    return { requestId, opCode, command, flags, fullCollectionName };
  }
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

let nextRequestId = 1;

export function encodeOpMsg(responseTo: number, doc: Document, flags = 0): Buffer {
  const body = serialize(doc);
  const len = 16 + 4 + 1 + body.length;
  const buf = Buffer.allocUnsafe(len);
  buf.writeInt32LE(len, 0);
  buf.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(OP_MSG, 12);
  buf.writeUInt32LE(flags, 16);
  buf[20] = 0;
  Buffer.from(body.buffer, body.byteOffset, body.length).copy(buf, 21);
  return buf;
}

export function encodeOpReply(responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const len = 16 + 20 + body.length;
  const buf = Buffer.allocUnsafe(len);
  buf.writeInt32LE(len, 0);
  buf.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(OP_REPLY, 12);
  buf.writeInt32LE(8, 16); // AwaitCapable
  buf.writeBigInt64LE(0n, 20);
  buf.writeInt32LE(0, 28);
  buf.writeInt32LE(1, 32);
  Buffer.from(body.buffer, body.byteOffset, body.length).copy(buf, 36);
  return buf;
}
