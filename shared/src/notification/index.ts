export * from './notification.types';
