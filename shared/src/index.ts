// Public API of @promesse/shared: every domain module, re-exported.
export * from './common';
export * from './errors';
export * from './auth';
export * from './school';
export * from './company';
export * from './student';
export * from './job-promise';
export * from './application';
export * from './recommendation';
export * from './notification';
export * from './realtime';
export * from './matching';
export * from './messages';
export * from './place';
export * from './search';
export * from './wording';
export * from './roster';
