import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchemaFile, SCHEMA_FILE } from '../src/graphql/print';

// `npm run schema:print -w @promesse/api`: writes api/schema.graphql, the file the web app generates its types from.
writeFileSync(SCHEMA_FILE, printSchemaFile());
console.log(`schema written to ${path.relative(process.cwd(), SCHEMA_FILE)}`);
