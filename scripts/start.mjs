// `npm start`: builds what is needed (web app if its sources changed, API bundle), then runs the API, which
// serves the web app on the same origin. Defaults for a local demo: port 4000, data in ./.data, demo data seeded.
// `--skip-web` skips the web build (tests of the server process).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildApi } from './build-api.mjs';
import { buildWebIfNeeded } from './build-web.mjs';
import { ROOT } from './lib.mjs';

const started = performance.now();
try {
  if (!process.argv.includes('--skip-web')) await buildWebIfNeeded();
  const { ms } = await buildApi();
  console.log(`[start] api bundled in ${ms} ms`);
} catch (error) {
  console.error(`[start] build failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const env = { ...process.env };
env.SEED_DEMO ??= 'true';
env.PORT ??= '4000';
env.DATA_DIR ??= './.data';
console.log(`[start] starting the API (built in ${Math.round(performance.now() - started)} ms)`);

const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, 'api/dist/server.mjs')], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});

// Ctrl-C reaches both processes (same process group); a SIGTERM sent to this launcher alone must reach the
// server too. The server ignores a repeated signal while it shuts down, so forwarding both is safe.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
});
