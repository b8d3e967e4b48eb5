// Builds the web app when its sources changed since the last build; tolerates a repo without web/ yet.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestMtime, NPM, readJson, ROOT, run } from './lib.mjs';

const WEB = path.join(ROOT, 'web');
const INDEX = path.join(WEB, 'dist', 'index.html');

export function webBuildStatus() {
  const manifest = path.join(WEB, 'package.json');
  if (!existsSync(manifest) || !readJson(manifest).scripts?.build) return 'absent';
  if (!existsSync(INDEX)) return 'stale';
  const sources = newestMtime([
    path.join(WEB, 'src'),
    path.join(WEB, 'public'),
    path.join(WEB, 'index.html'),
    path.join(WEB, 'package.json'),
    ...['vite.config.ts', 'vite.config.js', 'codegen.ts', 'tsconfig.json'].map((f) => path.join(WEB, f)),
    path.join(ROOT, 'shared', 'src'),
    path.join(ROOT, 'api', 'schema.graphql'),
  ]);
  return sources > statSync(INDEX).mtimeMs ? 'stale' : 'fresh';
}

/** Returns true when web/dist is usable afterwards. */
export async function buildWebIfNeeded({ force = false } = {}) {
  const status = webBuildStatus();
  if (status === 'absent') {
    console.log('[build] no web app to build (web/package.json has no build script yet): serving the API only');
    return false;
  }
  if (status === 'fresh' && !force) {
    console.log('[build] web app is up to date (web/dist)');
    return true;
  }
  console.log('[build] building the web app (npm run build -w @promesse/web)...');
  const code = await run(NPM, ['run', 'build', '-w', '@promesse/web']);
  if (code !== 0) throw new Error(`web build failed (exit code ${code})`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildWebIfNeeded({ force: process.argv.includes('--force') });
}
