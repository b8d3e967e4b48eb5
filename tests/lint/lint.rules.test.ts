import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

// The repo's own eslint.config.js on small snippets: each layering rule fires on a deliberate violation, and a
// clean module file gets no message at all (so the rules are not just always on).
const root = path.resolve(__dirname, '../..');
// Jest's module VM cannot run ESLint's dynamic import of the config file: load the (CommonJS) config here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config: ESLint.Options['overrideConfig'] = require(path.join(root, 'eslint.config.js'));
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';
const useCaseFile = 'api/src/modules/school/school.use-cases.ts';
const graphqlFile = 'api/src/modules/school/school.graphql.ts';

jest.setTimeout(60_000);

describe('module layering (api/src/modules/**)', () => {
  it.each([
    ["import { x } from '../../graphql/context';", 'graphql/'],
    ["import { x } from '../../realtime/realtime.server';", 'realtime/'],
    ["import x from 'express';", 'express'],
    ["import { x } from 'socket.io';", 'socket.io'],
    ["import { x } from 'graphql-yoga';", 'graphql-yoga'],
    ["import x from '@pothos/core';", '@pothos/*'],
    ["import { x } from '../company/company.model';", "another module's model (value import)"],
  ])('a use-case file may not write %s (%s)', async (line) => {
    expect(await ruleIds(`${line}\nexport const y = x;\n`, useCaseFile)).toEqual([RESTRICTED]);
  });

  it("allows a type-only import of another module's model", async () => {
    const code = "import type { x } from '../company/company.model';\nexport type Y = x;\n";
    expect(await ruleIds(code, useCaseFile)).toEqual([]);
  });

  it('lets *.graphql.ts files use graphql/ and Pothos, but not the transport', async () => {
    const ok = "import { x } from '../../graphql/builder';\nimport y from '@pothos/core';\nexport const z = [x, y];\n";
    expect(await ruleIds(ok, graphqlFile)).toEqual([]);
    const bad = "import x from 'express';\nexport const y = x;\n";
    expect(await ruleIds(bad, graphqlFile)).toEqual([RESTRICTED]);
  });

  it('reports nothing on a clean use-case file', async () => {
    const code = [
      "import { idSchema } from '@promesse/shared';",
      "import { defineUseCase } from '../../core/use-case';",
      "import type { x } from '../company/company.model';",
      'export type Y = x;',
      'export const z = [idSchema, defineUseCase];',
      '',
    ].join('\n');
    expect(await ruleIds(code, useCaseFile)).toEqual([]);
  });
});

describe('import cycles', () => {
  // Real files: the rule follows imports on disk. Written under the repo (the config's base path), then removed.
  const dir = mkdtempSync(path.join(__dirname, 'cycle-fixture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a cycle between two files', async () => {
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    const file = path.relative(root, path.join(dir, 'a.ts'));
    expect(await ruleIds("import { b } from './b';\nexport const a = () => b;\n", file)).toEqual(['import-x/no-cycle']);
  });

  it('reports nothing once the cycle is broken', async () => {
    writeFileSync(path.join(dir, 'c.ts'), 'export const c = 1;\n');
    const file = path.relative(root, path.join(dir, 'd.ts'));
    expect(await ruleIds("import { c } from './c';\nexport const d = c;\n", file)).toEqual([]);
  });
});
