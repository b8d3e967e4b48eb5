export * from './conversation.contact';
export * from './conversation.schemas';
export * from './conversation.messages';
