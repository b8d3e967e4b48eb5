// Index key extraction with mongod's semantics: dotted paths, arrays expanded one level (multikey),
// a missing field keyed as null, and compound keys as the product of each field's values.
import type { Document } from 'bson';
import { compareTuples, isPlainObject } from './indexes.order';

export interface FieldValues {
  values: unknown[];
  /** True when no value (not even an explicit null) was found on the path. */
  missing: boolean;
  /** Path of the first array expanded on the way (parallel-array detection), if any. */
  arrayPath?: string;
}

export function codedError(
  code: number,
  codeName: string,
  message: string,
): Error & { code: number; codeName: string } {
  return Object.assign(new Error(message), { code, codeName });
}

const NUMERIC = /^\d+$/;

/** Values an index on `path` holds for `doc`. */
export function fieldValues(doc: unknown, path: string): FieldValues {
  const parts = path.split('.');
  const out: FieldValues = { values: [], missing: true };
  walk(doc, parts, 0, out);
  if (out.values.length === 0) out.values.push(null);
  return out;
}

function walk(node: unknown, parts: string[], i: number, out: FieldValues): void {
  if (i === parts.length) {
    if (node === undefined) return;
    out.missing = false;
    if (Array.isArray(node)) {
      out.arrayPath ??= parts.join('.');
      if (node.length === 0) out.values.push([]);
      else for (const el of node) out.values.push(el === undefined ? null : el);
    } else {
      out.values.push(node);
    }
    return;
  }
  const part = parts[i]!;
  if (Array.isArray(node)) {
    out.arrayPath ??= parts.slice(0, i).join('.');
    if (NUMERIC.test(part) && Number(part) < node.length) walk(node[Number(part)], parts, i + 1, out);
    for (const el of node) {
      if (isPlainObject(el)) walk(el, parts, i, out);
    }
    return;
  }
  if (isPlainObject(node)) walk(node[part], parts, i + 1, out);
}

/**
 * Raw leaf values at `path` without expanding a final array (for geo: [lng, lat] is one value),
 * intermediate arrays of sub-documents are still traversed.
 */
export function leafValues(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const rec = (node: unknown, i: number): void => {
    if (node === undefined || node === null) return;
    if (i === parts.length) {
      out.push(node);
      return;
    }
    const part = parts[i]!;
    if (Array.isArray(node)) {
      if (NUMERIC.test(part) && Number(part) < node.length) rec(node[Number(part)], i + 1);
      for (const el of node) if (isPlainObject(el)) rec(el, i);
      return;
    }
    if (isPlainObject(node)) rec(node[part], i + 1);
  };
  rec(doc, 0);
  return out;
}

/**
 * Key tuples of `doc` for the given fields, deduplicated and sorted; `null` when the document is left
 * out (sparse index with every field missing). Throws code 171 on parallel arrays like mongod.
 */
export function keyTuples(
  doc: Document,
  fields: readonly string[],
  sparse: boolean,
  /** Told about each field whose path crosses an array before its last component. */
  onInnerArray?: (field: number) => void,
): unknown[][] | null {
  if (fields.length === 1) {
    const fv = fieldValues(doc, fields[0]!);
    if (onInnerArray && fv.arrayPath !== undefined && fv.arrayPath !== fields[0]) onInnerArray(0);
    if (sparse && fv.missing) return null;
    if (fv.values.length === 1) return [[fv.values[0]]];
    return dedupe(fv.values.map((v) => [v]));
  }
  const per = fields.map((f) => fieldValues(doc, f));
  if (onInnerArray) per.forEach((p, i) => p.arrayPath !== undefined && p.arrayPath !== fields[i] && onInnerArray(i));
  if (sparse && per.every((p) => p.missing)) return null;
  let arrayField: string | undefined;
  let arrayPath: string | undefined;
  per.forEach((p, i) => {
    if (p.arrayPath === undefined) return;
    if (arrayPath !== undefined && !sharesArray(arrayPath, p.arrayPath)) {
      throw codedError(171, 'CannotIndexParallelArrays', `cannot index parallel arrays [${fields[i]}] [${arrayField}]`);
    }
    arrayField ??= fields[i];
    arrayPath ??= p.arrayPath;
  });
  let tuples: unknown[][] = [[]];
  for (const p of per) {
    const next: unknown[][] = [];
    for (const t of tuples) for (const v of p.values) next.push([...t, v]);
    tuples = next;
  }
  return tuples.length === 1 ? tuples : dedupe(tuples);
}

/** "a" and "a.b" expand the same array of a; "a" and "b" are parallel. */
function sharesArray(p: string, q: string): boolean {
  return p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`);
}

function dedupe(tuples: unknown[][]): unknown[][] {
  tuples.sort(compareTuples);
  return tuples.filter((t, i) => i === 0 || compareTuples(tuples[i - 1]!, t) !== 0);
}
