// Query regexes that cannot freeze the server: RE2 (linear time, via re2js) for every pattern it accepts.
// Only patterns RE2 refuses (backreferences, lookaround) run on V8's backtracking engine, and the query executor
// then evaluates them under a watchdog (see query.budget.ts).
import { RE2JS } from 're2js';

export type StringMatcher = (s: string) => boolean;

interface Compiled {
  test: StringMatcher;
  /** True when the pattern runs on the backtracking engine (RE2 refused it). */
  backtracking: boolean;
}

const cache = new Map<string, Compiled>();
const CACHE_MAX = 1000;

/** A pattern with nothing but literal characters (escaped or not) between optional ^ and $ cannot backtrack. */
const LITERAL = /^\^?(?:[^\\.*+?()[\]{}|^$]|\\[^a-zA-Z0-9])*\$?$/;

function re2Flags(flags: string): number {
  let f = 0;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

export function compileRegex(source: string, flags: string): Compiled {
  const key = `${flags}/${source}`;
  let c = cache.get(key);
  if (c) return c;
  const js = new RegExp(source, flags.replace(/[gy]/g, ''));
  if (LITERAL.test(source)) c = { test: (s) => js.test(s), backtracking: false };
  else {
    try {
      const re = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags(flags));
      c = { test: (s) => re.test(s), backtracking: false };
    } catch {
      c = { test: (s) => js.test(s), backtracking: true };
    }
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, c);
  return c;
}

export function matcherOf(re: RegExp): Compiled {
  return compileRegex(re.source, re.flags);
}

/** Whether a filter (or pipeline) holds a regex that only the backtracking engine can run. */
export function hasBacktrackingRegex(v: unknown, depth = 0): boolean {
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  if (v instanceof RegExp) return safeCompile(v.source, v.flags);
  if (Array.isArray(v)) return v.some((x) => hasBacktrackingRegex(x, depth + 1));
  const o = v as Record<string, unknown>;
  if (typeof o.$regex === 'string') return safeCompile(o.$regex, typeof o.$options === 'string' ? o.$options : '');
  if (Object.getPrototypeOf(o) !== Object.prototype) return false;
  return Object.values(o).some((x) => hasBacktrackingRegex(x, depth + 1));
}

function safeCompile(source: string, flags: string): boolean {
  try {
    return compileRegex(source, flags).backtracking;
  } catch {
    return false; // an invalid pattern fails later with its own error
  }
}
