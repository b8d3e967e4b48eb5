const preset = require('../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'tests',
  rootDir: __dirname,
  // Browser tests run separately (`npm run test:e2e`, tests/e2e/jest.config.js).
  testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '<rootDir>/e2e/'],
  // jose, agenda and its MongoDB backend, file-type and its tokenizers ship ESM only: compile them to CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|agenda|@agendajs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)',
  ],
};
