export * from './common.enum';
export * from './common.enums';
export * from './common.trades';
export * from './common.labels';
export * from './common.geo';
export * from './common.schemas';
export * from './common.machine';
export * from './common.text';
