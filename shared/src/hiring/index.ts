export * from './hiring.schemas';
export * from './hiring.labels';
