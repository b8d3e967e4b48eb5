import { defineMessages } from '../messages/messages.define';

// Validation texts of the student profile.
export const studentValidationMessages = defineMessages({
  fr: {
    'validation.mobilityInteger': 'Nombre entier de kilomètres',
    'validation.mobilityMin': 'Au moins 0 km',
    'validation.mobilityMax': '{{max}} km maximum',
    'validation.frenchPhone': 'Numéro français attendu, par exemple 06 12 34 56 78',
  },
  en: {
    'validation.mobilityInteger': 'Whole number of kilometres',
    'validation.mobilityMin': 'At least 0 km',
    'validation.mobilityMax': '{{max}} km maximum',
    'validation.frenchPhone': 'French number expected, for example 06 12 34 56 78',
  },
});
