export * from './auth.siret';
export * from './auth.schemas';
