export * from './matching.weights';
export * from './matching.score';
export * from './matching.stable';
export * from './matching.schemas';
export * from './matching.reason-kinds';
