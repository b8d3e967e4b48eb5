export * from './job-alert.schemas';
