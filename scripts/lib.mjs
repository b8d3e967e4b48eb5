// Helpers shared by the root scripts (plain Node ESM: they run before anything is built).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Workspaces listed in the root package.json that exist on disk: [{ dir, name, scripts }]. */
export function workspaces() {
  return readJson(path.join(ROOT, 'package.json'))
    .workspaces.map((dir) => path.join(ROOT, dir))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const pkg = readJson(path.join(dir, 'package.json'));
      return { dir, name: pkg.name, scripts: pkg.scripts ?? {} };
    });
}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Newest modification time (ms) of the files under the given paths, skipping node_modules and dist. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) {
        if (entry === 'node_modules' || entry === 'dist' || entry === '__generated__') continue;
        visit(path.join(p, entry));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}
