const preset = require('../jest.preset.js');
/** @type {import('jest').Config} */
module.exports = { ...preset, displayName: 'embedded-mongo', rootDir: __dirname };
