// Flat config for the whole repo: correctness rules only (typescript-eslint recommended); formatting is
// Prettier's job (`npm run format`), so no stylistic rule here.
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const { createTypeScriptImportResolver } = require('eslint-import-resolver-typescript');

// api/src/modules/<domain>/ files talk to the outside only through their use cases and queries: the transport
// layers (GraphQL, Express, socket.io) stay out, and another module's mongoose model is reached through that
// module's queries (a type is fine). Patterns are regexes over the import specifier as written.
const transportImports = [
  { regex: '^(\\.\\./)+realtime(/|$)', message: 'Modules do not import realtime/ (a transport layer).' },
  { regex: '^(express|socket\\.io|graphql-yoga)(/|$)', message: 'Modules stay free of the HTTP/socket transport.' },
  {
    regex: '^\\.\\./.*\\.model$',
    allowTypeImports: true,
    message: "Another module's model: call its *.queries.ts or *.use-cases.ts (import type is fine).",
  },
];
const graphqlImports = [
  { regex: '^(\\.\\./)+graphql(/|$)', message: 'Only *.graphql.ts files of a module import graphql/.' },
  { regex: '^@pothos/', message: 'Only *.graphql.ts files of a module use Pothos.' },
];

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.data/**',
      '**/.data-*/**',
      '**/.tmp/**',
      '**/test-output/**',
      'web/src/gql/__generated__/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      // Style-level findings stay visible without failing `npm test`.
      'prefer-const': 'warn',
      'no-useless-escape': 'warn',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // No import cycles between the repo's files: they make load order matter and hide layering mistakes.
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { 'import-x': importX },
    settings: {
      // From import-x's TypeScript preset: parse .ts dependencies too, so cycles through them are followed.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['api', 'shared', 'web', 'embedded-mongo', 'tests'].map((p) => `${p}/tsconfig.json`),
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['api/src/modules/*/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...transportImports, ...graphqlImports] }],
    },
  },
  {
    files: ['api/src/modules/*/**/*.graphql.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: transportImports }] },
  },
  {
    // CommonJS config files (jest.config.js, eslint.config.js, jest.preset.js).
    files: ['**/*.cjs', '**/jest.config.js', 'jest.preset.js', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read loosely typed GraphQL/wire responses: `any` is fine there.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
