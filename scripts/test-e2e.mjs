// `npm run test:e2e`: the browser end-to-end tests, once tests/e2e/jest.config.js exists.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, run } from './lib.mjs';

const config = path.join(ROOT, 'tests/e2e/jest.config.js');
if (!existsSync(config)) {
  console.log('[test:e2e] tests/e2e/jest.config.js not found: no end-to-end tests yet');
  process.exit(0);
}
const jest = path.join(ROOT, 'node_modules/jest/bin/jest.js');
process.exit(await run(process.execPath, [jest, '-c', config, ...process.argv.slice(2)]));
