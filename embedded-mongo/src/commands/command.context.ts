// What every command handler receives.
import type { Document, ObjectId } from 'bson';
import type { Engine, WriteMeta } from '../storage/storage.engine';
import type { CursorRegistry } from '../cursors/cursor.registry';
import type { SessionRegistry } from '../txn/session.registry';
import type { Transaction } from '../txn/txn.transaction';

export interface ServerState {
  engine: Engine;
  cursors: CursorRegistry;
  sessions: SessionRegistry;
  processId: ObjectId;
  /** host:port announced when a connection's local address is unknown. */
  defaultMe: string;
  port: number;
  connections: {
    current: number;
    totalCreated: number;
    /** Bytes of half-received messages held for all connections. */
    pendingMessageBytes: number;
    /** Connections closed because they held too much of a half-sent message, or sent none of the rest. */
    closedForBuffering: number;
  };
  startedAt: Date;
  /** Time budget of a command without maxTimeMS. */
  defaultMaxTimeMS?: number;
}

export interface ConnectionInfo {
  id: number;
  /** host:port the client reached us on, as announced in hello.hosts/me. */
  me: string;
  remote: string;
  closed: boolean;
  client?: Document;
}

export interface CommandContext {
  state: ServerState;
  conn: ConnectionInfo;
  db: string;
  name: string;
  cmd: Document;
  txn?: Transaction;
  sessionKey?: string;
  lsid?: Document;
  meta: WriteMeta;
}

export type CommandHandler = (ctx: CommandContext) => Promise<Document> | Document;
