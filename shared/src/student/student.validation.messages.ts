import { defineMessages } from '../messages/messages.define';

// Validation texts of the student profile.
export const studentValidationMessages = defineMessages({
  fr: {
    'validation.mobilityInteger': 'Nombre entier de kilomètres',
    'validation.mobilityMin': 'Au moins 0 km',
    'validation.mobilityMax': '{{max}} km maximum',
  },
  en: {
    'validation.mobilityInteger': 'Whole number of kilometres',
    'validation.mobilityMin': 'At least 0 km',
    'validation.mobilityMax': '{{max}} km maximum',
  },
});
