export * from './errors.codes';
export * from './errors.app-error';
