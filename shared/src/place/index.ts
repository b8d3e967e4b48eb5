export * from './place.schemas';
export * from './place.distance';
