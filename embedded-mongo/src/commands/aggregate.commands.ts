// aggregate: index-assisted first $match/$geoNear, mingo for the rest, $out/$merge and $changeStream here.
import { ProcessingMode } from 'mingo';
import { Aggregator } from '../storage/mingo.context';
import type { Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors.command';
import { recordIdOf, valuesEqual, getPath, viewOf } from '../storage/bson.values';
import { countDocsAsync, MINGO_OPTIONS, selectDocs, selectDocsAsync, type Hit } from '../storage/query.executor';
import { toPoint } from '../storage/geo.predicates';
import type { CommandContext, CommandHandler } from './command.context';
import { cursorReply, duplicateKeyMessage, getColl, optDoc } from './command.helpers';
import { ChangeStreamCursor } from '../changestreams/changestream.cursor';
import { toLong } from '../cursors/cursor.registry';
import { collStatsOf } from './catalog.commands';
import { withIdFirst } from './update.apply';
import { DuplicateKeyError } from '../indexes/types';
import { collatorOf } from '../storage/collation';
import type { CollationSpec } from 'mingo/types';
import { checkTimeLimit, currentDeadline, withDeadline } from '../storage/query.budget';

const SCORE_FIELD = '__embeddedTextScore';
const DIST_FIELD = '__embeddedGeoDistance';

function stageName(stage: Document): string {
  const keys = Object.keys(stage ?? {});
  if (keys.length !== 1)
    throw new MongoCommandError(40323, 'A pipeline stage specification object must contain exactly one field.');
  return keys[0]!;
}

/** Replaces { $meta: "textScore" } expressions by a reference to the hidden score field. */
function rewriteMeta(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteMeta);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Document;
    if (Object.keys(o).length === 1 && typeof o.$meta === 'string') {
      if (o.$meta === 'textScore') return `$${SCORE_FIELD}`;
      if (o.$meta === 'geoNearDistance') return `$${DIST_FIELD}`;
    }
    const out: Document = {};
    for (const [k, x] of Object.entries(o)) out[k] = rewriteMeta(x);
    return out;
  }
  return v;
}

function rewriteStage(stage: Document): Document {
  const name = stageName(stage);
  if (name === '$sort') {
    const out: Document = {};
    for (const [k, v] of Object.entries(stage.$sort as Document)) {
      if (v && typeof v === 'object' && (v as Document).$meta === 'textScore') out[SCORE_FIELD] = -1;
      else out[k] = v;
    }
    return { $sort: out };
  }
  if (['$project', '$addFields', '$set', '$group', '$replaceRoot', '$replaceWith', '$facet', '$bucket'].includes(name))
    return { [name]: rewriteMeta(stage[name]) };
  return stage;
}

/** Documents that the first stages select, using indexes for a leading $match or $geoNear. */
async function sourceDocs(
  ctx: CommandContext,
  collName: string | null,
  pipeline: Document[],
): Promise<{ docs: Document[]; rest: Document[] }> {
  const { engine } = ctx.state;
  if (collName === null) return { docs: [], rest: pipeline };
  const c = getColl(ctx, collName);
  const first = pipeline[0];
  const name = first ? stageName(first) : '';
  if (name === '$geoNear') {
    const spec = first!.$geoNear as Document;
    if (!spec || typeof spec !== 'object') throw new MongoCommandError(14, '$geoNear requires an object');
    if (typeof spec.distanceField !== 'string')
      throw new MongoCommandError(2, "$geoNear requires a 'distanceField' option as a String");
    let key = spec.key as string | undefined;
    if (!key) {
      const geoIdx = c?.indexes.list().filter((s) => Object.values(s.key).includes('2dsphere')) ?? [];
      if (geoIdx.length !== 1)
        throw new MongoCommandError(
          geoIdx.length ? 2 : 291,
          geoIdx.length
            ? 'more than one 2dsphere index, please specify key'
            : '$geoNear requires a 2d or 2dsphere index, but none were found',
        );
      key = Object.entries(geoIdx[0]!.key).find(([, v]) => v === '2dsphere')![0];
    }
    const p = toPoint(spec.near);
    if (!p) throw new MongoCommandError(2, '$geoNear requires near to be a GeoJSON point or legacy coordinate pair');
    // GeoJSON point: distances in meters; legacy pair: radians, as mongod reports them.
    const legacy = Array.isArray(spec.near);
    const near: Document = legacy ? { $nearSphere: p } : { $geometry: { type: 'Point', coordinates: p } };
    if (!legacy && spec.maxDistance !== undefined) near.$maxDistance = spec.maxDistance;
    if (!legacy && spec.minDistance !== undefined) near.$minDistance = spec.minDistance;
    const nearClause: Document = legacy ? { ...near } : { $nearSphere: near };
    if (legacy) {
      if (spec.maxDistance !== undefined) nearClause.$maxDistance = spec.maxDistance;
      if (spec.minDistance !== undefined) nearClause.$minDistance = spec.minDistance;
    }
    const filter: Document = { ...((spec.query as Document) ?? {}), [key]: nearClause };
    const hits = selectDocs(engine, c, filter, ctx.txn);
    const mult = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
    const docs = hits.map((h) => {
      const d: Document = { ...viewOf(h.doc) };
      setField(d, spec.distanceField as string, (h.distance ?? 0) * mult);
      if (typeof spec.includeLocs === 'string') setField(d, spec.includeLocs, getPath(h.doc, key!));
      return d;
    });
    return { docs, rest: pipeline.slice(1) };
  }
  let hits: Hit[];
  let rest = pipeline;
  if (name === '$match') {
    hits = await selectDocsAsync(engine, c, first!.$match as Document, {
      txn: ctx.txn,
      collation: ctx.cmd.collation as Document | undefined,
    });
    rest = pipeline.slice(1);
  } else hits = await selectDocsAsync(engine, c, {}, { txn: ctx.txn });
  const withScore = hits.some((h) => h.score !== undefined);
  // Documents are copied shallowly: mingo stages build new objects and never mutate nested values in place.
  const docs = hits.map((h) => (withScore ? { ...viewOf(h.doc), [SCORE_FIELD]: h.score } : viewOf(h.doc)));
  return { docs, rest };
}

function setField(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]!] = value;
}

function stripHidden(d: Document): Document {
  if (SCORE_FIELD in d || DIST_FIELD in d) {
    const { [SCORE_FIELD]: _s, [DIST_FIELD]: _d, ...rest } = d;
    return rest;
  }
  return d;
}

/**
 * The driver's countDocuments pipeline ends in { $group: { _id: 1, n: { $sum: 1 } } }: counted directly, without
 * mingo copying every matched document first.
 */
function countGroup(stage: Document | undefined): string | undefined {
  const g = stage?.$group as Document | undefined;
  if (!g || Object.keys(stage!).length !== 1 || typeof g._id !== 'number' || Object.keys(g).length !== 2)
    return undefined;
  const field = Object.keys(g).find((k) => k !== '_id')!;
  const acc = g[field] as Document;
  return acc && Object.keys(acc).length === 1 && acc.$sum === 1 ? field : undefined;
}

/** Stages that turn each document into at most one, independently of the others, keeping their order. */
const PER_DOCUMENT = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith']);
/** Documents given to the per-document stages at a time, and the time a slice may hold the event loop. */
const CHUNK = 32;
const SLICE_MS = 8;

/**
 * Runs the pipeline under the command's budget. Its leading per-document stages (a later $match, $project
 * with $regexFind...) run over chunks of documents, giving the event loop back every few milliseconds so that
 * other clients are served meanwhile (mingo runs a pipeline in one synchronous call); the rest runs at once.
 */
async function runPipelineSliced(
  ctx: CommandContext,
  docs: Document[],
  pipeline: Document[],
  deadline: number,
): Promise<Document[]> {
  let k = 0;
  while (k < pipeline.length && PER_DOCUMENT.has(stageName(pipeline[k]!))) k++;
  if (k === 0 || docs.length <= CHUNK) return withDeadline(deadline, () => runPipeline(ctx, docs, pipeline));
  const head = pipeline.slice(0, k);
  const kept: Document[] = [];
  let sliceEnd = performance.now() + SLICE_MS;
  for (let i = 0; i < docs.length; i += CHUNK) {
    if (performance.now() > sliceEnd) {
      await new Promise((r) => setImmediate(r));
      sliceEnd = performance.now() + SLICE_MS;
    }
    const part = withDeadline(deadline, () => {
      checkTimeLimit();
      return runPipeline(ctx, docs.slice(i, i + CHUNK), head, true);
    });
    for (const d of part) kept.push(d);
  }
  return withDeadline(deadline, () => runPipeline(ctx, kept, pipeline.slice(k)));
}

function runPipeline(ctx: CommandContext, docs: Document[], pipeline: Document[], keepHidden = false): Document[] {
  if (!pipeline.length) return keepHidden ? docs : docs.map(stripHidden);
  const countField = pipeline.length === 1 ? countGroup(pipeline[0]) : undefined;
  if (countField) return docs.length ? [{ _id: (pipeline[0]!.$group as Document)._id, [countField]: docs.length }] : [];
  const { engine } = ctx.state;
  const resolver = (name: string) => {
    const c = engine.getCollection(ctx.db, name);
    return selectDocs(engine, c, {}, ctx.txn).map((h) => viewOf(h.doc));
  };
  try {
    const agg = new Aggregator(pipeline.map(rewriteStage), {
      ...MINGO_OPTIONS,
      collectionResolver: resolver,
      processingMode: ProcessingMode.CLONE_INPUT,
      variables: (ctx.cmd.let as Document | undefined) ?? undefined,
      // Later $match and $sort stages compare strings with the command's collation too.
      collation: collatorOf(ctx.cmd.collation) ? (ctx.cmd.collation as CollationSpec) : undefined,
    });
    const out = agg.run(docs) as Document[];
    return keepHidden ? out : out.map(stripHidden);
  } catch (e) {
    const err = toCommandError(e);
    const m =
      /unknown pipeline operator[: ]*'?(\$\w+)/i.exec(err.message) ??
      /Unrecognized pipeline stage name:? '?(\$\w+)/.exec(err.message);
    if (m) throw new MongoCommandError(40324, `Unrecognized pipeline stage name: '${m[1]}'`);
    throw err;
  }
}

function targetOf(ctx: CommandContext, spec: unknown): [string, string] {
  if (typeof spec === 'string') return [ctx.db, spec];
  const s = spec as Document;
  if (s && typeof s.coll === 'string') return [typeof s.db === 'string' ? s.db : ctx.db, s.coll];
  throw new MongoCommandError(2, 'invalid $out/$merge target');
}

function writeOut(ctx: CommandContext, spec: unknown, docs: Document[]): void {
  const { engine } = ctx.state;
  const [db, name] = targetOf(ctx, spec);
  const c = engine.ensureCollection(db, name);
  for (const [rid, s] of [...c.docs]) engine.write(c, rid, null, 'delete', s.doc, ctx.meta);
  for (const raw of docs) {
    const d = withIdFirst(raw);
    const rid = recordIdOf(d._id);
    if (c.docs.has(rid)) throw new DuplicateKeyError(c.ns, '_id_', { _id: 1 }, { _id: d._id });
    engine.write(c, rid, d, 'insert', undefined, ctx.meta);
  }
}

function writeMerge(ctx: CommandContext, spec: Document, docs: Document[]): void {
  const { engine } = ctx.state;
  const s = typeof spec === 'string' ? { into: spec } : spec;
  const [db, name] = targetOf(ctx, s.into);
  const on: string[] = s.on === undefined ? ['_id'] : Array.isArray(s.on) ? s.on : [s.on];
  const whenMatched = s.whenMatched ?? 'merge';
  const whenNotMatched = s.whenNotMatched ?? 'insert';
  const c = engine.ensureCollection(db, name);
  for (const raw of docs) {
    const filter: Document = {};
    for (const f of on) filter[f] = getPath(raw, f) ?? null;
    const existing =
      on.length === 1 && on[0] === '_id' && raw._id !== undefined
        ? (() => {
            const rid = recordIdOf(raw._id);
            const d = c.docs.get(rid)?.doc;
            return d ? [{ rid, doc: d }] : [];
          })()
        : selectDocs(engine, c, filter, undefined);
    const hit = existing[0];
    if (hit) {
      let next: Document;
      if (whenMatched === 'replace') next = { ...raw, _id: hit.doc._id };
      else if (whenMatched === 'keepExisting') continue;
      else if (whenMatched === 'fail') throw new DuplicateKeyError(c.ns, '_id_', { _id: 1 }, { _id: hit.doc._id });
      else if (whenMatched === 'merge') next = { ...hit.doc, ...raw, _id: hit.doc._id };
      else if (Array.isArray(whenMatched)) {
        const agg = new Aggregator(whenMatched as Document[], {
          ...MINGO_OPTIONS,
          variables: { new: raw, ...(s.let ?? {}) },
        });
        next = { ...(agg.run([hit.doc])[0] as Document), _id: hit.doc._id };
      } else throw new MongoCommandError(2, `invalid whenMatched: ${String(whenMatched)}`);
      if (!valuesEqual(next, hit.doc)) engine.write(c, hit.rid, withIdFirst(next), 'replace', hit.doc, ctx.meta);
    } else {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail')
        throw new MongoCommandError(13113, '$merge could not find a matching document in the target collection');
      const d = withIdFirst({ ...raw });
      engine.write(c, recordIdOf(d._id), d, 'insert', undefined, ctx.meta);
    }
  }
}

const aggregate: CommandHandler = async (ctx) => {
  const target = ctx.cmd.aggregate;
  const collName = typeof target === 'string' ? target : null;
  if (collName === null && target !== 1 && Number(target) !== 1)
    throw new MongoCommandError(14, "Invalid aggregate namespace: 'aggregate' must be a collection name or 1");
  const pipeline = ctx.cmd.pipeline;
  if (!Array.isArray(pipeline)) throw new MongoCommandError(14, "'pipeline' option must be specified as an array");
  const cursorOpt = optDoc(ctx, 'cursor');
  if (!cursorOpt && ctx.cmd.explain !== true)
    throw new MongoCommandError(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  const batchSize = cursorOpt?.batchSize as number | undefined;
  const ns = collName ? `${ctx.db}.${collName}` : `${ctx.db}.$cmd.aggregate`;
  for (const st of pipeline as Document[]) stageName(st);
  const firstName = pipeline.length ? stageName(pipeline[0]) : '';

  if (firstName === '$changeStream') return openChangeStream(ctx, collName, pipeline as Document[], batchSize);
  if (firstName === '$collStats') {
    if (!collName) throw new MongoCommandError(73, '$collStats must be run against a collection');
    const spec = (pipeline[0] as Document).$collStats as Document;
    const st = collStatsOf(ctx, collName);
    const doc: Document = { ns, host: ctx.conn.me, localTime: new Date() };
    if (spec?.storageStats) doc.storageStats = st;
    if (spec?.count) doc.count = st.count;
    return cursorReply(ctx, ns, runPipeline(ctx, [doc], (pipeline as Document[]).slice(1)), batchSize ?? 101);
  }
  if (firstName === '$indexStats') {
    const c = collName ? getColl(ctx, collName) : undefined;
    const docs = (c?.indexes.list() ?? []).map((s) => ({
      name: s.name,
      key: s.key,
      host: ctx.conn.me,
      accesses: { ops: 0, since: new Date() },
      spec: s,
    }));
    return cursorReply(ctx, ns, runPipeline(ctx, docs, (pipeline as Document[]).slice(1)), batchSize ?? 101);
  }
  if (firstName === '$documents' && collName === null) {
    return cursorReply(ctx, ns, runPipeline(ctx, [], pipeline as Document[]), batchSize ?? 101);
  }

  let stages = pipeline as Document[];
  const last = stages[stages.length - 1];
  const lastName = last ? stageName(last) : '';
  const writes = lastName === '$out' || lastName === '$merge';
  for (let i = 0; i < stages.length; i++) {
    const n = stageName(stages[i]!);
    if ((n === '$out' || n === '$merge') && i !== stages.length - 1)
      throw new MongoCommandError(40601, `${n} can only be the final stage in the pipeline`);
    if (n === '$geoNear' && i !== 0)
      throw new MongoCommandError(40603, '$geoNear is only valid as the first stage in a pipeline');
    if (n === '$changeStream')
      throw new MongoCommandError(40602, '$changeStream is only valid as the first stage in a pipeline');
  }
  if (writes) {
    if (ctx.txn) throw new MongoCommandError(263, `${lastName} cannot be used in a transaction`);
    stages = stages.slice(0, -1);
  }
  // The budget's deadline, taken before the first await (later code runs outside the dispatcher's frame).
  const deadline = currentDeadline();
  // countDocuments ($match then a count $group): matches counted during the scan, no document handed to mingo.
  const countField = !writes && stages.length === 2 && firstName === '$match' ? countGroup(stages[1]) : undefined;
  if (countField && collName !== null && ctx.cmd.explain !== true) {
    const n = await countDocsAsync(ctx.state.engine, getColl(ctx, collName), stages[0]!.$match as Document, {
      txn: ctx.txn,
      collation: ctx.cmd.collation as Document | undefined,
      deadline,
    });
    const out = n ? [{ _id: (stages[1]!.$group as Document)._id, [countField]: n }] : [];
    return cursorReply(ctx, ns, out, batchSize ?? 101);
  }
  const { docs, rest } = await sourceDocs(ctx, collName, stages);
  const out = await runPipelineSliced(ctx, docs, rest, deadline);
  if (writes) {
    try {
      if (lastName === '$out') writeOut(ctx, last!.$out, out);
      else writeMerge(ctx, last!.$merge as Document, out);
    } catch (e) {
      if (e instanceof DuplicateKeyError)
        throw new MongoCommandError(11000, duplicateKeyMessage(e), { keyPattern: e.keyPattern, keyValue: e.keyValue });
      throw e;
    }
    return { cursor: { firstBatch: [], id: toLong(0n), ns }, ok: 1 };
  }
  if (ctx.cmd.explain === true)
    return { stages: [], queryPlanner: { namespace: ns, winningPlan: { stage: 'EMBEDDED' } }, ok: 1 };
  return cursorReply(ctx, ns, out, batchSize ?? 101);
};

function openChangeStream(
  ctx: CommandContext,
  collName: string | null,
  pipeline: Document[],
  batchSize: number | undefined,
): Document {
  const spec = (pipeline[0]!.$changeStream ?? {}) as Document;
  const cluster = spec.allChangesForCluster === true;
  if (cluster && ctx.db !== 'admin')
    throw new MongoCommandError(
      ErrorCodesInvalidOptions,
      "$changeStream may only be run against the 'admin' database if allChangesForCluster is true",
    );
  const scope = cluster ? {} : collName ? { db: ctx.db, coll: collName } : { db: ctx.db };
  const ns = collName ? `${ctx.db}.${collName}` : `${ctx.db}.$cmd.aggregate`;
  const { cursors, engine } = ctx.state;
  const id = cursors.newId();
  const cur = new ChangeStreamCursor(id, ns, engine, scope, spec, pipeline.slice(1), ctx.sessionKey);
  const first = cur.firstBatch(batchSize);
  cursors.add(cur);
  return {
    cursor: { firstBatch: first.docs, postBatchResumeToken: first.postBatchResumeToken, id: toLong(id), ns },
    ok: 1,
  };
}

const ErrorCodesInvalidOptions = 72;

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
