// Test harness: a tiny in-memory collection that drives the index layer the way the engine core does.
import type { Document } from 'bson';
import { Query } from 'mingo';
import { createCollectionIndexes } from './index';
import { promoteNumbers } from './indexes.order';
import type { CollectionIndexes, IndexSpec } from './types';

export interface TestCollection {
  ix: CollectionIndexes;
  docs: Map<string, Document>;
  insert(doc: Document): string;
  update(rid: string, doc: Document): void;
  remove(rid: string): void;
  createIndex(spec: Partial<IndexSpec> & Pick<IndexSpec, 'key'>): boolean;
  /** Candidate ids from plan(), or null when plan() declines. */
  candidates(filter: Document): string[] | null;
  /** Ids matching the filter by a full scan (mingo), for comparison. */
  scan(filter: Document): string[];
}

export function testCollection(ns = 'test.c'): TestCollection {
  const ix = createCollectionIndexes(ns);
  const docs = new Map<string, Document>();
  let seq = 0;
  const c: TestCollection = {
    ix,
    docs,
    insert(doc) {
      const rid = doc._id !== undefined ? String(doc._id) : `r${seq++}`;
      ix.check(rid, doc);
      ix.apply(rid, undefined, doc);
      docs.set(rid, doc);
      return rid;
    },
    update(rid, doc) {
      const old = docs.get(rid);
      ix.check(rid, doc, old);
      ix.apply(rid, old, doc);
      docs.set(rid, doc);
    },
    remove(rid) {
      ix.apply(rid, docs.get(rid), undefined);
      docs.delete(rid);
    },
    createIndex(spec) {
      return ix.create({ name: '', ...spec } as IndexSpec, docs.entries());
    },
    candidates(filter) {
      const p = ix.plan(filter);
      return p ? [...new Set(p.ids)].sort() : null;
    },
    scan(filter) {
      const q = new Query(filter as Record<string, unknown>, {});
      return [...docs]
        .filter(([, d]) => q.test(promoteNumbers(d) as Record<string, unknown>))
        .map(([r]) => r)
        .sort();
    },
  };
  return c;
}

export function caught(fn: () => unknown): (Error & { code?: number; codeName?: string }) | undefined {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: number; codeName?: string };
  }
  return undefined;
}
