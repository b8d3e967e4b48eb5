export * from './outcome.enums';
export * from './outcome.schemas';
export * from './outcome.reference';
export * from './outcome.stats';
