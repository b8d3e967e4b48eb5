// A change stream: a tailing cursor over the change log, filtered by namespace and the user's pipeline.
import { Aggregator } from '../storage/mingo.context';
import { Long, type Document } from 'bson';
import type { Batch, ServerCursor } from '../cursors/cursor.registry';
import type { Engine } from '../storage/storage.engine';
import { cloneDoc, recordIdOf, valuesEqual } from '../storage/bson.values';
import { MINGO_OPTIONS } from '../storage/query.executor';
import { MongoCommandError, toCommandError } from '../errors.command';
import { diffDocs, parseResumeToken, resumeTokenFor, type ChangeRecord } from './changestream.log';

export interface ChangeStreamScope {
  db?: string;
  coll?: string;
}

export interface ChangeStreamOptions {
  fullDocument?: string;
  fullDocumentBeforeChange?: string;
  resumeAfter?: Document;
  startAfter?: Document;
  startAtOperationTime?: unknown;
  showExpandedEvents?: boolean;
}

const ALLOWED_STAGES = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
  '$redact',
]);

export class ChangeStreamCursor implements ServerCursor {
  lastUse = Date.now();
  private position: number;
  private invalidated = false;
  private closed = false;
  private agg: Aggregator | null;
  private cancelWait?: { cancelled: boolean; cancel?: () => void };

  constructor(
    readonly id: bigint,
    readonly ns: string,
    private readonly engine: Engine,
    private readonly scope: ChangeStreamScope,
    private readonly options: ChangeStreamOptions,
    pipeline: Document[],
    readonly sessionKey?: string,
  ) {
    for (const st of pipeline) {
      const op = Object.keys(st)[0]!;
      if (!ALLOWED_STAGES.has(op))
        throw new MongoCommandError(ErrorCodes.IllegalStage, `${op} is not permitted in a $changeStream pipeline`);
    }
    try {
      this.agg = pipeline.length ? new Aggregator(pipeline, MINGO_OPTIONS) : null;
    } catch (e) {
      throw toCommandError(e);
    }
    const log = engine.changes;
    const token = options.resumeAfter ?? options.startAfter;
    if (token) {
      const id = parseResumeToken((token as Document)._data !== undefined ? token : (token as Document)._id);
      if (id === null) throw new MongoCommandError(ErrorCodes.InvalidResumeToken, 'invalid resume token');
      if (id < log.oldestId - 1 && id !== log.lastId)
        throw new MongoCommandError(
          286,
          'Resume of change stream was not possible, as the resume point may no longer be in the oplog.',
        );
      this.position = id;
    } else if (options.startAtOperationTime) {
      this.position = log.firstIdAtOrAfter(options.startAtOperationTime as never) - 1;
    } else this.position = log.lastId;
  }

  get resumeToken(): Document {
    return resumeTokenFor(this.position);
  }

  private inScope(ev: ChangeRecord): boolean {
    if (this.scope.db && ev.db !== this.scope.db) return false;
    if (!this.scope.db && (ev.db === 'admin' || ev.db === 'config' || ev.db === 'local')) return false;
    if (this.scope.coll && ev.coll !== undefined && ev.coll !== this.scope.coll) return false;
    return true;
  }

  private format(ev: ChangeRecord): Document {
    const out: Document = {
      _id: resumeTokenFor(ev.id),
      operationType: ev.operationType,
      clusterTime: ev.clusterTime,
      wallTime: ev.wallTime,
    };
    const wantFull = this.options.fullDocument;
    if (ev.operationType === 'insert' || ev.operationType === 'replace') out.fullDocument = ev.fullDocument;
    else if (ev.operationType === 'update' && wantFull && wantFull !== 'default') {
      const c = this.engine.getCollection(ev.db, ev.coll!);
      const cur = c?.docs.get(recordIdOf(ev.documentKey?._id))?.doc;
      if (!cur && wantFull === 'required')
        throw new MongoCommandError(
          ErrorCodes.NoMatchingDocument,
          'Change stream was configured to require a post-image for all update events, but the post-image was not found',
        );
      out.fullDocument = cur ?? null;
    }
    out.ns = ev.coll !== undefined ? { db: ev.db, coll: ev.coll } : { db: ev.db };
    if (ev.documentKey) out.documentKey = ev.documentKey;
    if (ev.operationType === 'update' && !ev.updateDescription && ev.postImage && ev.fullDocumentBeforeChange)
      ev.updateDescription = diffDocs(ev.fullDocumentBeforeChange, ev.postImage, valuesEqual);
    if (ev.updateDescription) out.updateDescription = ev.updateDescription;
    const wantBefore = this.options.fullDocumentBeforeChange;
    if (wantBefore && wantBefore !== 'off' && ['update', 'replace', 'delete'].includes(ev.operationType))
      out.fullDocumentBeforeChange = ev.fullDocumentBeforeChange ?? null;
    if (ev.lsid) out.lsid = ev.lsid;
    if (ev.txnNumber !== undefined) out.txnNumber = Long.fromBigInt(BigInt(ev.txnNumber as bigint));
    return out;
  }

  private isInvalidating(ev: ChangeRecord): boolean {
    if (this.scope.coll)
      return (
        (ev.operationType === 'drop' || ev.operationType === 'rename') &&
        ev.coll === this.scope.coll &&
        ev.db === this.scope.db
      );
    if (this.scope.db) return ev.operationType === 'dropDatabase' && ev.db === this.scope.db;
    return false;
  }

  private collect(batchSize: number): Document[] {
    const out: Document[] = [];
    if (this.invalidated) return out;
    for (const ev of this.engine.changes.since(this.position)) {
      if (out.length >= batchSize) break;
      this.position = ev.id;
      if (!this.inScope(ev)) continue;
      const formatted = this.format(ev);
      // The event holds the stored documents themselves: the pipeline (mingo may $project in place) gets a copy.
      const passed = this.agg ? (this.agg.run([cloneDoc(formatted)]) as Document[]) : [formatted];
      out.push(...passed);
      if (this.isInvalidating(ev)) {
        out.push({
          _id: resumeTokenFor(ev.id),
          operationType: 'invalidate',
          clusterTime: ev.clusterTime,
          wallTime: ev.wallTime,
        });
        this.invalidated = true;
        break;
      }
    }
    return out;
  }

  firstBatch(batchSize: number | undefined): Batch {
    const docs = batchSize === 0 ? [] : this.collect(batchSize ?? 101);
    return { docs, exhausted: false, postBatchResumeToken: this.resumeToken };
  }

  async next(batchSize: number | undefined, maxTimeMS: number | undefined): Promise<Batch> {
    const limit = batchSize && batchSize > 0 ? batchSize : 1000;
    const deadline = Date.now() + (maxTimeMS ?? 1000);
    for (;;) {
      let docs: Document[];
      try {
        docs = this.collect(limit);
      } catch (e) {
        throw toCommandError(e);
      }
      if (docs.length || this.invalidated || this.closed || Date.now() >= deadline)
        return { docs, exhausted: this.invalidated || this.closed, postBatchResumeToken: this.resumeToken };
      this.cancelWait = { cancelled: false };
      await this.engine.changes.wait(deadline - Date.now(), this.cancelWait);
    }
  }

  close(): void {
    this.closed = true;
    this.cancelWait?.cancel?.();
  }
}

const ErrorCodes = {
  IllegalStage: 20,
  InvalidResumeToken: 260,
  NoMatchingDocument: 47,
};
