/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/shared', '<rootDir>/embedded-mongo', '<rootDir>/api', '<rootDir>/tests'],
  // Every suite passes, but some handle stays open in the runner after the run (not yet found: see the closing note);
  // without this the CI run would wait forever instead of ending.
  forceExit: true,
  // A global option (ignored in a project's config). Many tests start a server, a child process or an engine; on a
  // shared 2-core CI machine a few seconds of start-up is normal. The limit only catches hangs; speed is measured by
  // `npm run bench`, never here.
  testTimeout: 30_000,
};
