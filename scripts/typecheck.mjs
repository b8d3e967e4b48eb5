// `npm run typecheck`: tsc on every package. A package with its own `typecheck` script (web: codegen first) runs
// that script; others run `tsc -p <dir>`. Packages without a tsconfig yet are skipped with a note.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NPM, ROOT, run, workspaces } from './lib.mjs';

const failures = [];
for (const ws of workspaces()) {
  const rel = path.relative(ROOT, ws.dir);
  let code;
  if (ws.scripts.typecheck) {
    console.log(`\n[typecheck] ${rel}: npm run typecheck`);
    code = await run(NPM, ['run', 'typecheck', '-w', ws.name]);
  } else if (existsSync(path.join(ws.dir, 'tsconfig.json'))) {
    console.log(`\n[typecheck] ${rel}: tsc -p ${rel}`);
    code = await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', rel]);
  } else {
    console.log(`\n[typecheck] ${rel}: no tsconfig.json yet, skipped`);
    continue;
  }
  if (code !== 0) failures.push(rel);
}
if (failures.length) {
  console.error(`\n[typecheck] failed in: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\n[typecheck] all packages pass');
