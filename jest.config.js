/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/shared', '<rootDir>/embedded-mongo', '<rootDir>/api', '<rootDir>/tests'],
};
