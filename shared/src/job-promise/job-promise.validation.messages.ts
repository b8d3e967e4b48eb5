import { defineMessages } from '../messages/messages.define';

// Validation texts of the job promise form and filters.
export const jobPromiseValidationMessages = defineMessages({
  fr: {
    'validation.schoolsExpected': 'Liste d’écoles attendue',
    'validation.maxSchools': '{{max}} écoles maximum',
    'validation.positionsInteger': 'Nombre entier de postes',
    'validation.positionsMin': 'Au moins 1 poste',
    'validation.positionsMax': '{{max}} postes maximum',
    'validation.startDatePast': 'La date de début ne peut pas être passée',
    'validation.expiresAtFuture': 'La date d’expiration doit être dans le futur',
    'validation.expiresAtWithinYear': 'La date d’expiration est au plus dans un an',
    'validation.radiusMin': 'Rayon d’au moins 1 km',
    'validation.radiusMax': 'Rayon de {{max}} km maximum',
  },
  en: {
    'validation.schoolsExpected': 'List of schools expected',
    'validation.maxSchools': '{{max}} schools maximum',
    'validation.positionsInteger': 'Whole number of positions',
    'validation.positionsMin': 'At least 1 position',
    'validation.positionsMax': '{{max}} positions maximum',
    'validation.startDatePast': 'The start date cannot be in the past',
    'validation.expiresAtFuture': 'The expiry date must be in the future',
    'validation.expiresAtWithinYear': 'The expiry date is at most one year ahead',
    'validation.radiusMin': 'Radius of at least 1 km',
    'validation.radiusMax': 'Radius of {{max}} km maximum',
  },
});
