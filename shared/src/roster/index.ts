export * from './roster.import';
export * from './roster.messages';
