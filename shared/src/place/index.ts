export * from './place.schemas';
