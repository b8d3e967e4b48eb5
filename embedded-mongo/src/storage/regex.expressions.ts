// Regexes outside query filters, with the guarantees of query regexes (regex.safe.ts): $regexMatch, $regexFind
// and $regexFindAll run on RE2 (linear time) when it accepts the pattern, else on V8's engine under the watchdog
// of the command's budget; `$all` with regexes matches them on RE2 too (mingo would run them on V8 unguarded).
import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { RE2JS } from 're2js';
import { MongoCommandError } from '../errors.command';
import { underWatchdog, checkTimeLimit } from './query.budget';
import { guardedTest, regexOperator, type QueryOp } from './query.operators';

interface Match {
  match: string;
  /** UTF-16 offsets; mongod reports `idx` in code points. */
  start: number;
  end: number;
  captures: (string | null)[];
}

type Searcher = (input: string, all: boolean) => Match[];

const cache = new Map<string, Searcher>();
const CACHE_MAX = 1000;

function re2Flags(flags: string): number {
  let f = 0;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

function searcher(source: string, flags: string, op: string): Searcher {
  const key = `${flags}/${source}`;
  let s = cache.get(key);
  if (s) return s;
  let js: RegExp;
  try {
    js = new RegExp(source, `${flags.replace(/[^ims]/g, '')}gu`);
  } catch {
    try {
      js = new RegExp(source, `${flags.replace(/[^ims]/g, '')}g`);
    } catch (e) {
      throw new MongoCommandError(51111, `Invalid Regex in ${op}: ${(e as Error).message}`);
    }
  }
  try {
    const re = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags(flags));
    s = (input, all) => {
      const m = re.matcher(input);
      const out: Match[] = [];
      while (m.find()) {
        const captures: (string | null)[] = [];
        for (let g = 1; g <= m.groupCount(); g++) captures.push(m.group(g) ?? null);
        out.push({ match: m.group(0) ?? '', start: m.start(), end: m.end(), captures });
        if (!all) break;
      }
      return out;
    };
  } catch {
    // Backreferences, lookaround: only V8 runs them, and it may backtrack for minutes: under the watchdog.
    s = (input, all) =>
      underWatchdog(() => {
        js.lastIndex = 0;
        const out: Match[] = [];
        let m: RegExpExecArray | null;
        while ((m = js.exec(input))) {
          out.push({
            match: m[0],
            start: m.index,
            end: m.index + m[0].length,
            captures: m.slice(1).map((c) => c ?? null),
          });
          if (!all) break;
          if (m[0] === '') js.lastIndex++; // an empty match: step over it, as mongod does
        }
        return out;
      });
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, s);
  return s;
}

function codePoints(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) i++;
    n++;
  }
  return n;
}

interface Args {
  input: string;
  source: string;
  flags: string;
}

/** Evaluates { input, regex, options } as mongod does; null when the input or regex is null/missing. */
function argsOf(op: string, obj: unknown, expr: unknown, options: Options): Args | null {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr))
    throw new MongoCommandError(51103, `${op} expects an object of named arguments but found: ${typeof expr}`);
  const spec = expr as Record<string, unknown>;
  for (const k of Object.keys(spec))
    if (k !== 'input' && k !== 'regex' && k !== 'options')
      throw new MongoCommandError(31024, `${op} found an unknown argument: ${k}`);
  const input = evalExpr(obj, spec.input, options);
  const regex = evalExpr(obj, spec.regex, options);
  const opts = spec.options === undefined ? undefined : evalExpr(obj, spec.options, options);
  let source: string;
  let flags = '';
  if (regex instanceof RegExp) {
    source = regex.source;
    flags = regex.flags;
    if (typeof opts === 'string' && opts && flags)
      throw new MongoCommandError(51075, `${op}: regex option(s) specified in both 'regex' and 'option' fields`);
  } else if (typeof regex === 'string') source = regex;
  else if (regex === null || regex === undefined) return null;
  else throw new MongoCommandError(51105, `${op} needs 'regex' to be of type string or regex`);
  if (opts !== undefined && opts !== null) {
    if (typeof opts !== 'string') throw new MongoCommandError(51106, `${op} needs 'options' to be of type string`);
    if (/[^imsux]/.test(opts)) throw new MongoCommandError(51108, `${op} invalid flag in regex options: ${opts}`);
    if (opts.includes('x'))
      throw new MongoCommandError(51108, `${op}: the extended option 'x' is not supported by this server`);
    flags += opts;
  }
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') throw new MongoCommandError(51104, `${op} needs 'input' to be of type string`);
  checkTimeLimit();
  return { input, source, flags };
}

function search(op: string, obj: unknown, expr: unknown, options: Options, all: boolean): Match[] | null {
  const a = argsOf(op, obj, expr, options);
  return a && searcher(a.source, a.flags, op)(a.input, all);
}

function toResult(input: string, m: Match): Record<string, unknown> {
  return { match: m.match, idx: codePoints(input, m.start), captures: m.captures };
}

function inputOf(obj: unknown, expr: unknown, options: Options): string {
  return String(evalExpr(obj, (expr as Record<string, unknown>).input, options));
}

/** A yes/no answer needs no match positions: the query matcher (RE2's fast path, literal patterns on V8). */
export const $regexMatch = (obj: unknown, expr: unknown, options: Options): boolean => {
  const a = argsOf('$regexMatch', obj, expr, options);
  if (!a) return false;
  let re: RegExp;
  try {
    re = new RegExp(a.source, a.flags.replace(/[^ims]/g, ''));
  } catch (e) {
    throw new MongoCommandError(51111, `Invalid Regex in $regexMatch: ${(e as Error).message}`);
  }
  return guardedTest(re)(a.input);
};

export const $regexFind = (obj: unknown, expr: unknown, options: Options): unknown => {
  const found = search('$regexFind', obj, expr, options, false);
  return found?.length ? toResult(inputOf(obj, expr, options), found[0]!) : null;
};

export const $regexFindAll = (obj: unknown, expr: unknown, options: Options): unknown[] => {
  const found = search('$regexFindAll', obj, expr, options, true);
  if (!found?.length) return [];
  const input = inputOf(obj, expr, options);
  return found.map((m) => toResult(input, m));
};

/**
 * `$all` with regexes: the conjunction of one condition per element (as mongod defines `$all`), each regex on
 * the linear-time matcher; without regexes, mingo's own operator.
 */
export function allOperator(original: QueryOp): QueryOp {
  return (selector, value, options) => {
    if (!Array.isArray(value) || !value.some((x) => x instanceof RegExp)) return original(selector, value, options);
    const preds = value.map((x) =>
      x instanceof RegExp ? regexOperator(selector, x) : original(selector, [x], options),
    );
    return (obj) => preds.every((p) => p(obj));
  };
}
