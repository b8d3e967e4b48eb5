export * from './wording.french';
