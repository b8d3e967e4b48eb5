import { defineMessages } from '../messages/messages.define';

// Validation texts of the school form.
export const schoolValidationMessages = defineMessages({
  fr: {
    'validation.tradesExpected': 'Liste de métiers attendue',
    'validation.tradesMin': 'Au moins un métier',
  },
  en: {
    'validation.tradesExpected': 'List of trades expected',
    'validation.tradesMin': 'At least one trade',
  },
});
