import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The repo root is the nearest folder (from cwd upwards) whose package.json declares workspaces; relative paths
// in the configuration resolve from there so `npm start`, `npm run dev` and tests agree wherever they run from.
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
        if (pkg.workspaces) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}
