// Bundles the API into one ESM file with esbuild. npm packages stay external (native addons such as
// @node-rs/argon2, optional dependencies, pino's worker transports need their node_modules layout); our
// workspace packages (@promesse/shared, @promesse/embedded-mongo) are TypeScript sources, so they are bundled.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT } from './lib.mjs';

export const API_ENTRY = path.join(ROOT, 'api/src/server.ts');
export const API_BUNDLE = path.join(ROOT, 'api/dist/server.mjs');

const externalizePackages = {
  name: 'externalize-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@promesse/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export async function buildApi({ outfile = API_BUNDLE, minify = false } = {}) {
  const started = performance.now();
  await build({
    entryPoints: [API_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minify,
    logLevel: 'warning',
    plugins: [externalizePackages],
    // Bundled sources may still use CommonJS globals; give them ESM equivalents.
    banner: {
      js: [
        "import { createRequire as __promesseCreateRequire } from 'node:module';",
        "import { fileURLToPath as __promesseFileURLToPath } from 'node:url';",
        "import { dirname as __promesseDirname } from 'node:path';",
        'const require = __promesseCreateRequire(import.meta.url);',
        'const __filename = __promesseFileURLToPath(import.meta.url);',
        'const __dirname = __promesseDirname(__filename);',
      ].join('\n'),
    },
  });
  return { outfile, ms: Math.round(performance.now() - started) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outfile, ms } = await buildApi({ outfile: process.argv[2] ? path.resolve(process.argv[2]) : API_BUNDLE });
  console.log(`api bundled to ${path.relative(ROOT, outfile)} in ${ms} ms`);
}
