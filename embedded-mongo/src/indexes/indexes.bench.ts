// Micro-benchmark of the index layer: `npx tsx embedded-mongo/src/indexes/indexes.bench.ts`.
import { ObjectId } from 'bson';
import { createCollectionIndexes } from './index';

const N = Number(process.env.BENCH_N ?? 100_000);

/** Prints wall time and CPU time: on a shared machine the CPU figure is the steadier one. */
function time<T>(label: string, ops: number, fn: () => T): T {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  const rate = (x: number): string =>
    Math.round((ops / x) * 1000)
      .toLocaleString('en-US')
      .padStart(10);
  console.log(
    `${label.padEnd(52)} wall ${ms.toFixed(0).padStart(6)} ms ${rate(ms)} ops/s | cpu ${cpuMs.toFixed(0).padStart(6)} ms ${rate(cpuMs)} ops/s`,
  );
  return r;
}

let seed = 42;
const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;

const ix = createCollectionIndexes('bench.c');
ix.create({ key: { email: 1 }, name: 'email_1', unique: true }, []);
ix.create({ key: { n: 1 }, name: 'n_1' }, []);
ix.create({ key: { loc: '2dsphere' }, name: 'loc_2dsphere' }, []);
const docs = Array.from({ length: N }, (_, i) => ({
  _id: new ObjectId(),
  email: `user${i}@ecole.fr`,
  n: i,
  loc: { type: 'Point', coordinates: [-4 + rnd() * 12, 42.5 + rnd() * 8.5] },
}));

console.log(
  `index layer micro-benchmark, ${N.toLocaleString('en-US')} documents, indexes: _id_, email_1 (unique), n_1, loc_2dsphere`,
);
time(`insert ${N} docs (check + apply, 4 indexes)`, N, () => {
  docs.forEach((d, i) => {
    ix.check(String(i), d);
    ix.apply(String(i), undefined, d);
  });
});

const L = 20_000;
let found = 0;
time(`${L} equality lookups { email }`, L, () => {
  for (let i = 0; i < L; i++) for (const _ of ix.plan({ email: `user${(i * 7919) % N}@ecole.fr` })!.ids) found++;
});
time(`${L} _id equality lookups`, L, () => {
  for (let i = 0; i < L; i++) for (const _ of ix.plan({ _id: docs[(i * 7919) % N]!._id })!.ids) found++;
});
const R = 5_000;
let inRange = 0;
time(`${R} range lookups { n: { $gte, $lt } } (100 ids each)`, R, () => {
  for (let i = 0; i < R; i++) {
    const lo = (i * 104729) % (N - 100);
    for (const _ of ix.plan({ n: { $gte: lo, $lt: lo + 100 } })!.ids) inRange++;
  }
});
const G = 2_000;
let near = 0;
time(`${G} $near lookups (10 km radius)`, G, () => {
  for (let i = 0; i < G; i++) {
    const p = ix.plan({
      loc: {
        $near: { $geometry: { type: 'Point', coordinates: [-3 + rnd() * 10, 43 + rnd() * 7] }, $maxDistance: 10_000 },
      },
    })!;
    near += (p.ids as string[]).length;
  }
});
time(`${L} unique-conflict checks (check only)`, L, () => {
  for (let i = 0; i < L; i++)
    ix.check(`x${i}`, {
      _id: new ObjectId(),
      email: `new${i}@ecole.fr`,
      n: i,
      loc: { type: 'Point', coordinates: [1, 45] },
    });
});
console.log(`(found ${found} by equality, ${inRange / R} per range, ${(near / G).toFixed(1)} per $near on average)`);
