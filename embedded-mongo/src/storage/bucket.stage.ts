// $bucket as mongod runs it: desugared into $group on a $switch over [lower, upper) ranges, then $sort on _id.
// mingo's own $bucket puts a value equal to a boundary in the bucket below it and lists empty buckets.
import { Aggregator } from 'mingo/aggregator';
import { Lazy, type Iterator } from 'mingo/lazy';
import type { Options } from 'mingo/types';
import { MongoCommandError } from '../errors.command';

/** Marks documents outside every bucket when no default was given (mongod then fails the command). */
const OUT_OF_RANGE = '\0embedded-mongo:$bucket:no-default';

export function bucketStage(coll: Iterator, expr: unknown, options: Options): Iterator {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr))
    throw new MongoCommandError(40201, 'Argument to $bucket stage must be an object, but found type: ' + typeof expr);
  const spec = expr as { groupBy?: unknown; boundaries?: unknown; default?: unknown; output?: unknown };
  const bounds = spec.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2)
    throw new MongoCommandError(40192, "The $bucket 'boundaries' field must have at least 2 values");
  if (spec.groupBy === undefined)
    throw new MongoCommandError(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
  const branches = bounds.slice(0, -1).map((lo, i) => ({
    case: { $and: [{ $gte: [spec.groupBy, { $literal: lo }] }, { $lt: [spec.groupBy, { $literal: bounds[i + 1] }] }] },
    then: { $literal: lo },
  }));
  const output = (spec.output as Record<string, unknown> | undefined) ?? { count: { $sum: 1 } };
  const noDefault = spec.default === undefined;
  const groups = new Aggregator(
    [
      {
        $group: {
          _id: { $switch: { branches, default: { $literal: noDefault ? OUT_OF_RANGE : spec.default } } },
          ...output,
        },
      },
      { $sort: { _id: 1 } },
    ],
    options,
  ).run(coll.collect<Record<string, unknown>>());
  if (noDefault && groups.some((g) => g._id === OUT_OF_RANGE))
    throw new MongoCommandError(
      40066,
      '$switch could not find a matching branch for an input, and no default was specified.',
    );
  return Lazy(groups);
}
