export * from './roster.import';
export * from './roster.messages';
export * from './roster.situation';
