// Bundle bench: gzipped size of what a first visit downloads (the entry chunk, every chunk it imports statically,
// and their CSS) — the log-in page, since role areas are lazy chunks. Builds web/dist first when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const TARGET_BYTES = 250 * 1000;
const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(webDir, 'dist');
const manifestPath = join(distDir, '.vite', 'manifest.json');

if (!existsSync(manifestPath)) {
  console.log('web/dist is missing: building it first (npm run build -w @promesse/web)…');
  execFileSync('npm', ['run', 'build'], { cwd: webDir, stdio: 'inherit' });
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error(`No entry chunk in ${manifestPath}`);

// Static imports are fetched before the app starts (modulepreload); dynamic ones only when a lazy route opens.
const files = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

const rows = [...files].map((file) => {
  const content = readFileSync(join(distDir, file));
  return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
});
rows.sort((a, b) => b.gzip - a.gzip);

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const total = rows.reduce((acc, r) => ({ raw: acc.raw + r.raw, gzip: acc.gzip + r.gzip }), { raw: 0, gzip: 0 });
const lazy = Object.values(manifest).filter((c) => !files.has(c.file) && c.file.endsWith('.js')).length;

console.log('\nInitial route (/connexion) — JS + CSS of the entry and its static imports');
for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}`);
console.log(`  ${'total'.padEnd(44)} ${kb(total.raw).padStart(10)}  gzip ${kb(total.gzip).padStart(9)}`);
console.log(`  (${lazy} lazy chunks not counted: role areas, socket.io client)`);
const verdict = total.gzip <= TARGET_BYTES ? 'within target' : 'OVER TARGET';
console.log(`\nweb initial route gzipped: ${kb(total.gzip)} — target ≤ ${kb(TARGET_BYTES)}: ${verdict}`);
