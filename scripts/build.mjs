// `npm run build`: the web app (when present) and the API bundle, i.e. everything `npm start` and the
// Docker image run.
import path from 'node:path';
import { buildApi } from './build-api.mjs';
import { buildWebIfNeeded } from './build-web.mjs';
import { ROOT } from './lib.mjs';

try {
  await buildWebIfNeeded({ force: process.argv.includes('--force') });
  const { outfile, ms } = await buildApi();
  console.log(`[build] api bundled to ${path.relative(ROOT, outfile)} in ${ms} ms`);
} catch (error) {
  console.error(`[build] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
