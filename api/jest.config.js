const preset = require('../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'api',
  rootDir: __dirname,
  // jose, agenda and its MongoDB backend, file-type and its tokenizers ship ESM only: compile them to CommonJS like our sources (Node 20.s jest
  // cannot require ESM).
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|agenda|@agendajs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)',
  ],
};
