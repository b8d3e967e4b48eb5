// Index layer entry point (step 1: minimal _id_ index; secondary indexes stored but not yet used by plan()).
import type { Document } from 'bson';
import { DuplicateKeyError } from './types';
import type { CollectionIndexes, IndexFactory, IndexSpec, QueryPlan, RecordId } from './types';

export * from './types';

function codedError(code: number, codeName: string, message: string): Error {
  return Object.assign(new Error(message), { code, codeName });
}

/** Canonical string of a value so that equal BSON values (1 / 1.0 / Long(1)) give the same string. */
function canon(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'bigint') return `n:${v}`;
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (Array.isArray(v)) return `a:[${v.map(canon).join(',')}]`;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'ObjectId') return `o:${(v as { toHexString(): string }).toHexString()}`;
  if (bt === 'Int32' || bt === 'Double') return `n:${(v as { valueOf(): number }).valueOf()}`;
  if (bt === 'Long' || bt === 'Decimal128') return `n:${Number(String(v))}`;
  if (bt) return `${bt}:${JSON.stringify(v)}`;
  return `{${Object.entries(v as object).map(([k, x]) => `${JSON.stringify(k)}:${canon(x)}`).join(',')}}`;
}

function createMinimal(ns: string): CollectionIndexes {
  const idSpec: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };
  const specs = new Map<string, IndexSpec>([['_id_', idSpec]]);
  const byId = new Map<string, RecordId>();
  return {
    list: () => [...specs.values()].map((s) => ({ ...s })),
    create(spec: IndexSpec): boolean {
      const existing = specs.get(spec.name);
      if (existing) {
        if (canon(existing.key) !== canon(spec.key)) {
          throw codedError(86, 'IndexKeySpecsConflict', `An existing index has the same name as the requested index: ${spec.name}`);
        }
        return false;
      }
      specs.set(spec.name, { v: 2, ...spec });
      return true;
    },
    drop(name: string): void {
      if (name === '_id_') throw codedError(72, 'InvalidOptions', 'cannot drop _id index');
      if (!specs.delete(name)) throw codedError(27, 'IndexNotFound', `index not found with name [${name}]`);
    },
    dropAll(): void {
      for (const name of [...specs.keys()]) if (name !== '_id_') specs.delete(name);
    },
    check(rid: RecordId, doc: Document): void {
      const owner = byId.get(canon(doc._id));
      if (owner !== undefined && owner !== rid) throw new DuplicateKeyError(ns, '_id_', { _id: 1 }, { _id: doc._id });
    },
    apply(rid: RecordId, oldDoc: Document | undefined, doc: Document | undefined): void {
      if (oldDoc) byId.delete(canon(oldDoc._id));
      if (doc) byId.set(canon(doc._id), rid);
    },
    plan(): QueryPlan | null {
      return null;
    },
    expired(): RecordId[] {
      return [];
    },
  };
}

export const createCollectionIndexes: IndexFactory = (ns: string) => createMinimal(ns);
