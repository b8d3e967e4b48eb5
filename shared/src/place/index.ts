export * from './place.schemas';
export * from './place.distance';
export * from './place.messages';
