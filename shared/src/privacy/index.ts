export * from './privacy.rules';
export * from './privacy.messages';
