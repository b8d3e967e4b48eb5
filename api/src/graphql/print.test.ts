import { readFileSync } from 'node:fs';
import { printSchemaFile, SCHEMA_FILE } from './print';

describe('api/schema.graphql', () => {
  it('is the printed current schema (run "npm run schema:print" after changing the schema)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // A plain equality keeps the failure message short: the diff is what `git diff` shows after schema:print.
    expect(committed === printSchemaFile()).toBe(true);
  });
});
