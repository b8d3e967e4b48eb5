export * from './job-promise.machine';
export * from './job-promise.schemas';
