export * from './recommendation.machine';
