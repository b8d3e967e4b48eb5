// Shared jest settings: TypeScript through swc, compiled to CommonJS, node environment.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Many tests start a server, a child process or an engine; on a shared 2-core CI machine a few seconds of
  // start-up is normal. The limit only catches hangs; speed is measured by `npm run bench`, never here.
  testTimeout: 30_000,
};
