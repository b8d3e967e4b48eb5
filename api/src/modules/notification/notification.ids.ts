import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

// Notification ids order the `notifications` list and catch-up ("everything after the last id I saw"). A standard
// ObjectId orders by SECOND, then by a random per-process value: two API instances writing for the same user in
// the same second would interleave at random, and a client catching up after an id from instance B could skip a
// later notification from instance A. These ids keep the ObjectId layout's leading seconds (getTimestamp() and
// time-based bounds still work) and add the milliseconds before the per-process part:
//   4 bytes seconds | 2 bytes milliseconds | 3 bytes per-process random | 3 bytes counter
// so ids from different instances order by millisecond, and ids from one process stay strictly increasing.

/** An id source: one per process in production (`newNotificationId`); tests create their own. */
export function createNotificationIdGenerator(processBytes: Buffer = randomBytes(3)): (now?: number) => Types.ObjectId {
  let counter = randomBytes(3).readUIntBE(0, 3);
  let lastMs = 0;
  return (now = Date.now()) => {
    // Never go back in time within a process (clock adjustments): reuse the last millisecond, the counter orders.
    const ms = Math.max(now, lastMs);
    lastMs = ms;
    counter = (counter + 1) % 0x1000000;
    const bytes = Buffer.alloc(12);
    bytes.writeUInt32BE(Math.floor(ms / 1000), 0);
    bytes.writeUInt16BE(ms % 1000, 4);
    processBytes.copy(bytes, 6);
    bytes.writeUIntBE(counter, 9, 3);
    return new Types.ObjectId(bytes);
  };
}

/** A new ObjectId ordered by creation millisecond across processes (strictly increasing within this one). */
export const newNotificationId = createNotificationIdGenerator();
