export * from './file.rules';
export * from './file.messages';
export * from './file.schemas';
