#!/usr/bin/env node
// CLI entry: loads the TypeScript sources through tsx (no build step).
import { require as tsxRequire } from 'tsx/cjs/api';

const { main } = tsxRequire('../src/cli.ts', import.meta.url);
await main(process.argv.slice(2));
