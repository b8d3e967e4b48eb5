// `npm run bench`: every workspace's `bench` script, one after the other, each printing its own figures;
// a summary says which ran and which failed.
import path from 'node:path';
import { NPM, ROOT, run, workspaces } from './lib.mjs';

const results = [];
for (const ws of workspaces().filter((w) => w.scripts.bench)) {
  console.log(`\n======== bench: ${ws.name} (${path.relative(ROOT, ws.dir)}) ========\n`);
  const started = performance.now();
  const code = await run(NPM, ['run', 'bench', '-w', ws.name]);
  results.push({ name: ws.name, code, s: ((performance.now() - started) / 1000).toFixed(1) });
}
console.log('\n======== bench summary ========');
if (!results.length) console.log('no workspace has a bench script yet');
for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.s} s)`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
