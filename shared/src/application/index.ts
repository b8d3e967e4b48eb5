export * from './application.machine';
export * from './application.schemas';
