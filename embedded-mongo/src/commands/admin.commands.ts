// Handshake, server info and session commands.
import os from 'node:os';
import { Long, ObjectId, type Document } from 'bson';
import { MongoCommandError } from '../errors.command';
import type { CommandHandler, CommandContext } from './command.context';
import { sessionKeyOf } from '../txn/session.registry';

export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

export function helloResponse(ctx: CommandContext, legacy: boolean): Document {
  const { engine } = ctx.state;
  const me = ctx.conn.me;
  const ts = engine.clusterTime();
  const now = new Date();
  const res: Document = {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    topologyVersion: { processId: ctx.state.processId, counter: Long.fromNumber(0) },
    hosts: [me],
    setName: 'rs0',
    setVersion: 1,
    secondary: false,
    primary: me,
    me,
    electionId: ELECTION_ID,
    lastWrite: {
      opTime: { ts, t: Long.fromNumber(1) },
      lastWriteDate: now,
      majorityOpTime: { ts, t: Long.fromNumber(1) },
      majorityWriteDate: now,
    },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.conn.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
  if (ctx.cmd.helloOk === true) res.helloOk = true;
  if (ctx.cmd.client && typeof ctx.cmd.client === 'object') ctx.conn.client = ctx.cmd.client;
  return res;
}

const hello: CommandHandler = (ctx) => helloResponse(ctx, false);
const isMaster: CommandHandler = (ctx) => helloResponse(ctx, true);

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded-mongo',
  versionArray: [7, 0, 0, 0],
  modules: [],
  allocator: 'system',
  javascriptEngine: 'none',
  sysInfo: 'deprecated',
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['embedded'],
  openssl: { running: 'disabled' },
  buildEnvironment: { target_os: process.platform, target_arch: process.arch },
  ok: 1,
});

const PARAMETERS: Document = {
  featureCompatibilityVersion: { version: '7.0' },
  transactionLifetimeLimitSeconds: 60,
  maxTransactionLockRequestTimeoutMillis: 5,
  authenticationMechanisms: [],
  logLevel: 0,
  cursorTimeoutMillis: Long.fromNumber(600_000),
};

const getParameter: CommandHandler = (ctx) => {
  const res: Document = {};
  const arg = ctx.cmd.getParameter;
  if (arg === '*' || (arg && typeof arg === 'object' && (arg as Document).allParameters))
    Object.assign(res, PARAMETERS);
  else
    for (const k of Object.keys(ctx.cmd)) {
      if (k === 'getParameter' || k.startsWith('$') || k === 'lsid') continue;
      if (k in PARAMETERS) res[k] = PARAMETERS[k];
    }
  if (!Object.keys(res).length && arg !== '*') throw new MongoCommandError(72, 'no option found to get');
  return { ...res, ok: 1 };
};

const serverStatus: CommandHandler = (ctx) => {
  const { state } = ctx;
  const mem = process.memoryUsage();
  return {
    host: os.hostname(),
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: Long.fromNumber(process.pid),
    uptime: (Date.now() - state.startedAt.getTime()) / 1000,
    uptimeMillis: Long.fromNumber(Date.now() - state.startedAt.getTime()),
    localTime: new Date(),
    connections: {
      current: state.connections.current,
      available: 100_000,
      totalCreated: state.connections.totalCreated,
    },
    network: {
      pendingMessageBytes: Long.fromNumber(state.connections.pendingMessageBytes),
      connectionsClosedForBuffering: Long.fromNumber(state.connections.closedForBuffering),
    },
    mem: { bits: 64, resident: Math.round(mem.rss / 1048576), virtual: Math.round(mem.heapTotal / 1048576) },
    metrics: { cursor: { open: { total: Long.fromNumber(state.cursors.size) } } },
    transactions: { currentActive: Long.fromNumber(state.engine.activeTxns.size) },
    storageEngine: {
      name: state.engine.journal ? 'embedded-journal' : 'embedded-memory',
      persistent: !!state.engine.journal,
    },
    repl: { setName: 'rs0', isWritablePrimary: true, hosts: [ctx.conn.me], primary: ctx.conn.me, me: ctx.conn.me },
    ok: 1,
  };
};

const hostInfo: CommandHandler = () => ({
  system: {
    currentTime: new Date(),
    hostname: os.hostname(),
    cpuAddrSize: 64,
    memSizeMB: Math.round(os.totalmem() / 1048576),
    numCores: os.cpus().length,
    cpuArch: process.arch,
  },
  os: { type: os.type(), name: os.platform(), version: os.release() },
  extra: {},
  ok: 1,
});

const endSessions: CommandHandler = (ctx) => {
  const list = ctx.cmd[ctx.name];
  if (Array.isArray(list))
    for (const lsid of list) {
      const key = sessionKeyOf(lsid);
      if (key) ctx.state.sessions.end(key);
    }
  return { ok: 1 };
};

const killAllSessions: CommandHandler = (ctx) => {
  ctx.state.sessions.endAll();
  return { ok: 1 };
};

const startSession: CommandHandler = () => ({
  id: { id: new ObjectId().toHexString() },
  timeoutMinutes: 30,
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

const connectionStatus: CommandHandler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: 1,
});

const whatsmyuri: CommandHandler = (ctx) => ({ you: ctx.conn.remote, ok: 1 });

const getCmdLineOpts: CommandHandler = (ctx) => ({
  argv: ['embedded-mongo'],
  parsed: {
    net: { port: ctx.state.port },
    storage: ctx.state.engine.options.dbPath ? { dbPath: ctx.state.engine.options.dbPath } : {},
  },
  ok: 1,
});

const replSetGetStatus: CommandHandler = (ctx) => ({
  set: 'rs0',
  date: new Date(),
  myState: 1,
  members: [{ _id: 0, name: ctx.conn.me, health: 1, state: 1, stateStr: 'PRIMARY', self: true }],
  ok: 1,
});

const getLog: CommandHandler = () => ({ totalLinesWritten: 0, log: [], ok: 1 });

const saslStart: CommandHandler = () => {
  throw new MongoCommandError(334, 'Authentication is not supported by embedded-mongo: connect without credentials', {
    codeName: 'MechanismUnavailable',
  });
};

const listCommands: CommandHandler = () => ({ commands: {}, ok: 1 });

export const adminCommands: Record<string, CommandHandler> = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  serverStatus,
  hostInfo,
  endSessions,
  killSessions: endSessions,
  killAllSessions,
  killAllSessionsByPattern: killAllSessions,
  refreshSessions: ok,
  startSession,
  connectionStatus,
  whatsmyuri,
  getCmdLineOpts,
  replSetGetStatus,
  getLog,
  saslStart,
  saslContinue: saslStart,
  authenticate: saslStart,
  logout: ok,
  listCommands,
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  getDefaultRWConcern: () => ({
    defaultReadConcern: { level: 'local' },
    defaultWriteConcern: { w: 'majority', wtimeout: 0 },
    ok: 1,
  }),
  features: () => ({ ok: 1 }),
  lockInfo: () => ({ lockInfo: [], ok: 1 }),
  currentOp: () => ({ inprog: [], ok: 1 }),
  fsync: () => ({ numFiles: 1, ok: 1 }),
};
