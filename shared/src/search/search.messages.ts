import { defineMessages } from '../messages/messages.define';

export const searchMessages = defineMessages({
  fr: {
    'search.sortUnknown': 'Ordre de tri inconnu',
  },
  en: {
    'search.sortUnknown': 'Unknown sort order',
  },
});
