export * from './school.schemas';
