export * from './mail.messages';
export * from './mail.schemas';
