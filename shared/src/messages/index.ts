export * from './messages.catalog';
export * from './messages.define';
export * from './messages.locale';
export * from './messages.render';
export * from './messages.zod';
