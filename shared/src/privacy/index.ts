export * from './privacy.rules';
export * from './privacy.messages';
export * from './privacy.retention';
export * from './privacy.access-log';
