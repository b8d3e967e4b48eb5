export * from './privacy.retention';
export * from './privacy.access-log';
