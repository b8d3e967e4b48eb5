// One mingo context with every operator plus ours, built once: mingo's convenience wrappers merge contexts on
// every call, which dominated the cost of a point query.
import { Context } from 'mingo/core';
import { Query as QueryBase } from 'mingo/query';
import { Aggregator as AggregatorBase } from 'mingo/aggregator';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { shapePredicate, toPoint } from './geo.predicates';
import { valuesAtPath } from './bson.values';
import { collated, inOperator, ninOperator, regexOperator, type QueryOp } from './query.operators';
import { bucketStage } from './bucket.stage';
import { $regexFind, $regexFindAll, $regexMatch, allOperator } from './regex.expressions';

function geoOperator(selector: string, value: unknown): (obj: Record<string, unknown>) => boolean {
  const pred = shapePredicate((value ?? {}) as Record<string, unknown>);
  return (obj) =>
    valuesAtPath(obj, selector).some((v) => {
      const p = toPoint(v);
      if (p) return pred(p);
      // A field holding several legacy points: any of them.
      return (
        Array.isArray(v) &&
        v.some((e) => {
          const q = toPoint(e);
          return !!q && pred(q);
        })
      );
    });
}

const alwaysTrue: QueryOp = () => () => true;

export const MINGO_CONTEXT = Context.init({
  accumulator: accumulatorOperators as never,
  // Expression regexes on RE2, or under the watchdog (mingo runs them on V8 unguarded).
  expression: { ...expressionOperators, $regexMatch, $regexFind, $regexFindAll } as never,
  pipeline: { ...pipelineOperators, $bucket: bucketStage } as never,
  projection: projectionOperators as never,
  window: windowOperators as never,
  query: {
    ...(queryOperators as unknown as Record<string, QueryOp>),
    $geoWithin: geoOperator as QueryOp,
    $within: geoOperator as QueryOp,
    $geoIntersects: geoOperator as QueryOp,
    // Proximity is decided by the 2dsphere plan; mingo only sees what the plan selected.
    $near: alwaysTrue,
    $nearSphere: alwaysTrue,
    // Linear-time regexes and hashed $in sets (mingo backtracks and compares each value in turn).
    $regex: regexOperator as QueryOp,
    $all: allOperator(queryOperators.$all as QueryOp),
    $in: collated('$in', inOperator as QueryOp),
    $nin: collated('$nin', ninOperator as QueryOp),
    // Collation-aware when the query has one.
    ...Object.fromEntries(
      (['$eq', '$ne', '$gt', '$gte', '$lt', '$lte'] as const).map((op) => [
        op,
        collated(op, queryOperators[op] as QueryOp),
      ]),
    ),
  },
});

// No server-side JavaScript ($where/$function/$accumulator): BSON code cannot be evaluated safely here.
export const MINGO_OPTIONS: Partial<Options> = { context: MINGO_CONTEXT, idKey: '_id', scriptEnabled: false };

export class Query extends QueryBase {
  constructor(condition: Record<string, unknown>, options: Partial<Options> = {}) {
    super(condition, { ...MINGO_OPTIONS, ...options });
  }
}

export class Aggregator extends AggregatorBase {
  constructor(pipeline: Record<string, unknown>[], options: Partial<Options> = {}) {
    super(pipeline, { ...MINGO_OPTIONS, ...options });
  }
}
