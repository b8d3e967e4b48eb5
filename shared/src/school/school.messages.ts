import { defineMessages } from '../messages/messages.define';

export const schoolMessages = defineMessages({
  fr: {
    'school.membersOnly': 'Réservé à l’équipe de l’école',
  },
  en: {
    'school.membersOnly': 'For the school’s staff only',
  },
});
