const preset = require('../../jest.preset.js');

// Browser end-to-end tests: real API server process (embedded engine in memory) + Debian's Chromium.
// Files are named *.e2e.ts so the `tests` jest project (default *.test.ts) never runs them twice.
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  // One browser and one server at a time: the machine has 2 cores.
  maxWorkers: 1,
  // Generous: the first run builds the web app and the server starts the embedded engine.
  testTimeout: 420_000,
};
