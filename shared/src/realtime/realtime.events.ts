import * as z from 'zod';
import type { Role } from '../common/common.enums';
import type { Locale } from '../common/common.enum';
import { idSchema } from '../common/common.schemas';
import type { ErrorCode } from '../errors/errors.codes';
import { notificationTypeSchema, type NotificationType } from '../notification/notification.types';

/** socket.io path (the default; same origin as the API). */
export const SOCKET_PATH = '/socket.io';

/** Event names, declared once for server and web. */
export const SOCKET_EVENTS = {
  /** server -> client: a stored notification, pushed after its transaction committed. */
  NOTIFICATION_NEW: 'notification:new',
  /** server -> client: the recipient's unread count changed. */
  NOTIFICATION_UNREAD_COUNT: 'notification:unread-count',
  /** client -> server (with ack): notifications newer than `afterId`, oldest first. */
  NOTIFICATIONS_CATCH_UP: 'notifications:catch-up',
  /** client -> server (with ack): mark some (or, without ids, all) notifications read. */
  NOTIFICATIONS_MARK_READ: 'notifications:mark-read',
  /** server -> client: a new message in one of the recipient's application conversations (stored before). */
  MESSAGE_NEW: 'message:new',
} as const;
export type SocketEventName = (typeof SOCKET_EVENTS)[keyof typeof SOCKET_EVENTS];

/** `notification:new` payload; `id` is the id the GraphQL `notifications` query returns (clients dedupe by it). */
export interface NotificationPayload {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  /** ISO 8601 date-time. */
  createdAt: string;
  data: Record<string, unknown>;
}

export const notificationPayloadSchema = z.object({
  id: z.string(),
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});

/**
 * `message:new` payload: which conversation has a new message. Sent to the other side of the conversation (the
 * student, or every recruiter of the company) once the message and its MESSAGE_RECEIVED notification committed,
 * whatever the recipient muted. The thread itself is read from the API (`conversation`), so nothing is lost while
 * offline.
 */
export interface MessageNewPayload {
  applicationId: string;
  messageId: string;
  /** The MESSAGE_RECEIVED notification announcing it. */
  notificationId: string;
  authorName?: string;
  excerpt?: string;
  /** ISO 8601 date-time. */
  createdAt: string;
}

export interface UnreadCountPayload {
  count: number;
}

/** Largest number of notifications one catch-up ack returns; `hasMore` tells the client to ask again. */
export const CATCH_UP_LIMIT_MAX = 200;

export const catchUpPayloadSchema = z.object({
  /** Last notification id the client saw; absent: the most recent ones. */
  afterId: z.preprocess((v) => (v === null ? undefined : v), idSchema.optional()),
  limit: z.number().int().min(1).max(CATCH_UP_LIMIT_MAX).optional(),
});
export type CatchUpPayload = z.input<typeof catchUpPayloadSchema>;

export interface AckError {
  ok: false;
  error: { code: ErrorCode; message: string };
}
export type CatchUpAck = { ok: true; notifications: NotificationPayload[]; hasMore: boolean } | AckError;

export const markReadPayloadSchema = z.object({
  ids: z.array(idSchema).max(500).optional(),
});
export type MarkReadPayload = z.input<typeof markReadPayloadSchema>;
export type MarkReadAck = { ok: true; changed: number; unreadCount: number } | AckError;

/** For `new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>()`. */
export interface ServerToClientEvents {
  'notification:new': (payload: NotificationPayload) => void;
  'notification:unread-count': (payload: UnreadCountPayload) => void;
  'message:new': (payload: MessageNewPayload) => void;
}

export interface ClientToServerEvents {
  'notifications:catch-up': (payload: CatchUpPayload, ack: (result: CatchUpAck) => void) => void;
  'notifications:mark-read': (payload: MarkReadPayload, ack: (result: MarkReadAck) => void) => void;
}

// socket.io requires an object type here; instances talk through the adapter, with no custom events of ours.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

/** What the handshake middleware stores on `socket.data` after verifying the token. */
export interface SocketData {
  userId: string;
  role: Role;
  /** The user's language at the handshake (notification texts are rendered in it). */
  locale: Locale;
  schoolId?: string;
  companyId?: string;
}

/** `err.data` of the `connect_error` a client gets for a missing, bad or expired token. */
export interface ConnectErrorData {
  code: 'UNAUTHENTICATED';
}
export const CONNECT_ERROR_UNAUTHENTICATED: ConnectErrorData = { code: 'UNAUTHENTICATED' };

/** The private room of a user; every connection of the user joins it. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}
