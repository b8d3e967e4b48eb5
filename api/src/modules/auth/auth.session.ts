import { createHash, randomBytes } from 'node:crypto';
import { Types, type ClientSession } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { userModel } from './auth.model';
import { sessionModel } from './auth.session.model';

/** A refresh token (and its session) ends after this long without being used. */
export const REFRESH_IDLE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface IssuedRefresh {
  sessionId: string;
  refreshToken: string;
  expiresAt: Date;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** Activity is recorded once a day at most: a refresh every 15 minutes writes nothing more. */
const ACTIVITY_GRANULARITY_MS = 24 * 60 * 60 * 1000;

/**
 * Records that the user is active (log-in, session refresh) for the retention of inactive accounts: one conditional
 * update that matches only when the last record is a day old or missing, so most calls write nothing.
 */
export async function recordActivity(
  deps: DataDeps,
  userId: Types.ObjectId | string,
  session: ClientSession | null = null,
): Promise<void> {
  const now = deps.clock.now();
  const stale = new Date(now.getTime() - ACTIVITY_GRANULARITY_MS);
  await userModel(deps.connection).updateOne(
    { _id: new Types.ObjectId(String(userId)), $or: [{ lastActiveAt: null }, { lastActiveAt: { $lte: stale } }] },
    { $set: { lastActiveAt: now } },
    { session: session ?? undefined },
  );
}

/** A new device session for the user: its first refresh token. */
export async function openSession(
  deps: DataDeps,
  userId: Types.ObjectId | string,
  session: ClientSession | null = null,
): Promise<IssuedRefresh> {
  const now = deps.clock.now();
  const refreshToken = newToken();
  const expiresAt = new Date(now.getTime() + REFRESH_IDLE_TTL_MS);
  const [doc] = await sessionModel(deps.connection).create(
    [
      {
        userId: new Types.ObjectId(String(userId)),
        tokenHash: hashOf(refreshToken),
        createdAt: now,
        lastUsedAt: now,
        expiresAt,
      },
    ],
    { session },
  );
  if (!doc) throw new Error('session not created');
  await recordActivity(deps, userId, session);
  return { sessionId: String(doc._id), refreshToken, expiresAt };
}

export type RotateResult = { ok: true; userId: string; issued: IssuedRefresh } | { ok: false; reused: boolean };

/**
 * Exchanges a refresh token for the next one (atomically: two concurrent uses of one token cannot both win).
 * A token that was already exchanged is a replay: the whole session is revoked.
 */
export async function rotateSession(deps: DataDeps, refreshToken: string): Promise<RotateResult> {
  const Session = sessionModel(deps.connection);
  const now = deps.clock.now();
  const presented = hashOf(refreshToken);
  const next = newToken();
  const expiresAt = new Date(now.getTime() + REFRESH_IDLE_TTL_MS);
  const doc = await Session.findOneAndUpdate(
    { tokenHash: presented, revokedAt: null, expiresAt: { $gt: now } },
    { $set: { tokenHash: hashOf(next), lastUsedAt: now, expiresAt }, $push: { retiredHashes: presented } },
    { returnDocument: 'after' },
  ).lean();
  if (doc) {
    await recordActivity(deps, doc.userId);
    return {
      ok: true,
      userId: String(doc.userId),
      issued: { sessionId: String(doc._id), refreshToken: next, expiresAt },
    };
  }
  const replayed = await Session.findOneAndUpdate(
    { retiredHashes: presented },
    { $set: { revokedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  // Like every end of a session, touching the user: instances drop what they knew of the session (auth.context.ts)
  // and close its sockets.
  if (replayed) {
    await userModel(deps.connection).updateOne({ _id: replayed.userId }, { $set: { sessionRevokedAt: now } });
  }
  return { ok: false, reused: replayed !== null };
}

/** Ends one device session (log-out), found by its refresh token or its id; true when it was active. */
export async function revokeSession(
  deps: DataDeps,
  which: { refreshToken?: string; sessionId?: string },
): Promise<boolean> {
  const or: Record<string, unknown>[] = [];
  if (which.refreshToken) or.push({ tokenHash: hashOf(which.refreshToken) });
  if (which.sessionId && Types.ObjectId.isValid(which.sessionId)) or.push({ _id: which.sessionId });
  if (!or.length) return false;
  const Session = sessionModel(deps.connection);
  const now = deps.clock.now();
  const ended = await Session.find({ $or: or, revokedAt: null }, { _id: 1, userId: 1 }).lean();
  if (!ended.length) return false;
  await Session.updateMany({ _id: { $in: ended.map((s) => s._id) } }, { $set: { revokedAt: now } });
  // Touching the user reaches every instance's feed, which closes the sockets of the ended session.
  await userModel(deps.connection).updateMany(
    { _id: { $in: ended.map((s) => s.userId) } },
    { $set: { sessionRevokedAt: now } },
  );
  return true;
}

/**
 * Ends every session of the user (log-out everywhere, password change or reset): refresh tokens stop working, and
 * access tokens issued before now are refused (auth.context.ts compares their `iat` with `sessionsValidFrom`), as
 * are the user's sockets (the change to the user document reaches every instance's feed).
 */
export async function revokeAllSessions(
  deps: DataDeps,
  userId: Types.ObjectId | string,
  session?: ClientSession,
): Promise<void> {
  const options = session ? { session } : {};
  const now = deps.clock.now();
  const id = new Types.ObjectId(String(userId));
  await sessionModel(deps.connection).updateMany(
    { userId: id, revokedAt: null },
    { $set: { revokedAt: now } },
    options,
  );
  // Whole seconds, like a token's iat: a token issued later in this same second still carries an active sid.
  const validFrom = new Date(Math.floor(now.getTime() / 1000) * 1000);
  // sessionRevokedAt (milliseconds) changes the user's revocation stamp even when sessionsValidFrom, in whole seconds,
  // does not (two revocations in one second): auth.context.ts's session cache must see every revocation.
  await userModel(deps.connection).updateOne(
    { _id: id },
    { $set: { sessionsValidFrom: validFrom, sessionRevokedAt: now } },
    options,
  );
}

/**
 * Ends every session of the user but the one given (a password change from the profile keeps its own device signed
 * in). The other sessions' access tokens are refused from the next request (their sid is no longer active: the touch
 * of sessionRevokedAt invalidates what auth.context.ts cached) and their sockets close. Without a current session,
 * every session ends.
 */
export async function revokeOtherSessions(
  deps: DataDeps,
  userId: Types.ObjectId | string,
  keepSessionId: string | null,
  session: ClientSession,
): Promise<void> {
  if (!keepSessionId || !Types.ObjectId.isValid(keepSessionId)) {
    await revokeAllSessions(deps, userId, session);
    return;
  }
  const now = deps.clock.now();
  const id = new Types.ObjectId(String(userId));
  await sessionModel(deps.connection).updateMany(
    { userId: id, revokedAt: null, _id: { $ne: new Types.ObjectId(keepSessionId) } },
    { $set: { revokedAt: now } },
    { session },
  );
  await userModel(deps.connection).updateOne({ _id: id }, { $set: { sessionRevokedAt: now } }, { session });
}

/**
 * The session if it is still active: its user and when it expires (unless refreshed first); null when revoked,
 * expired or unknown. Every way a session ends (revokeSession, revokeAllSessions, a replayed refresh token) touches
 * its user's document after ending it, which is what lets auth.context.ts keep this answer between requests.
 */
export async function activeSession(
  deps: DataDeps,
  sessionId: string,
): Promise<{ userId: string; expiresAt: Date } | null> {
  if (!Types.ObjectId.isValid(sessionId)) return null;
  const doc = await sessionModel(deps.connection)
    .findOne({ _id: sessionId, revokedAt: null, expiresAt: { $gt: deps.clock.now() } }, { userId: 1, expiresAt: 1 })
    .lean();
  return doc && { userId: String(doc.userId), expiresAt: doc.expiresAt };
}
