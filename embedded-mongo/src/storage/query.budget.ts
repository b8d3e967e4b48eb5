// Time budget of one command: maxTimeMS (or the server's default ceiling) checked while documents are scanned,
// and a watchdog for the only code that can run long between two checks: a backtracking regex (see regex.safe.ts).
import vm from 'node:vm';
import { MongoCommandError } from '../errors.command';

/** Ceiling for a command without maxTimeMS. */
export const DEFAULT_MAX_TIME_MS = 30_000;
/** A slice of work with a backtracking regex may hold the event loop this long at most, whatever maxTimeMS says. */
export const BACKTRACKING_LIMIT_MS = 250;

let deadline = Infinity;

export function timeLimitError(): MongoCommandError {
  return new MongoCommandError(50, 'operation exceeded time limit');
}

/** Runs the synchronous part of `fn` with a deadline `ms` from now (0/undefined: `fallbackMs`). */
export function withTimeLimit<T>(ms: number | undefined, fallbackMs: number, fn: () => T): T {
  const prev = deadline;
  deadline = Date.now() + (ms && ms > 0 ? ms : fallbackMs);
  try {
    return fn();
  } finally {
    deadline = prev;
  }
}

/** Runs `fn` with the deadline of a command captured before an await (see currentDeadline). */
export function withDeadline<T>(until: number, fn: () => T): T {
  const prev = deadline;
  deadline = until;
  try {
    return fn();
  } finally {
    deadline = prev;
  }
}

/** The running command's deadline (epoch ms), to carry across awaits. */
export function currentDeadline(): number {
  return deadline;
}

export function checkTimeLimit(until = deadline): void {
  if (Date.now() > until) throw timeLimitError();
}

const context = vm.createContext({});
const script = new vm.Script('run()');

/**
 * Runs `fn` (read-only work: it may be stopped anywhere) so that V8 interrupts it once the budget is spent;
 * the interruption reaches even the inside of a single RegExp execution.
 */
export function underWatchdog<T>(fn: () => T, until = deadline): T {
  // Already inside a watchdog (an expression regex within a guarded scan): the outer one stops both.
  if (context.run !== undefined) return fn();
  const left = Math.max(1, Math.min(until - Date.now(), BACKTRACKING_LIMIT_MS));
  let out: T | undefined;
  context.run = () => {
    out = fn();
  };
  try {
    script.runInContext(context, { timeout: Math.ceil(left) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw timeLimitError();
    throw e;
  } finally {
    context.run = undefined;
  }
  return out as T;
}
