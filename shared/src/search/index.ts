export * from './search.fold';
export * from './search.inclusive';
export * from './search.query';
export * from './search.page';
export * from './search.sort';
export * from './search.messages';
