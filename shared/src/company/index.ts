export * from './company.partnership';
