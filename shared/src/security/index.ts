export * from './security.caps';
