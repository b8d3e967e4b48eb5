import { defineMessages } from '../messages/messages.define';

// Errors of the outcome records and dashboards.
export const outcomeMessages = defineMessages({
  fr: {
    'outcome.ownSchoolStaffOnly': 'Seule l’équipe de l’école du diplômé enregistre sa situation',
    'outcome.ownSchoolOnly': 'Vous ne voyez que les résultats de votre école',
    'outcome.detailNotAccessible': 'Le détail des résultats d’un diplômé est réservé à son école',
    'outcome.schoolRequired': 'Indiquez l’école dont vous voulez la liste des diplômés',
  },
  en: {
    'outcome.ownSchoolStaffOnly': 'Only the staff of the graduate’s school record their outcome',
    'outcome.ownSchoolOnly': 'You only see your own school’s outcomes',
    'outcome.detailNotAccessible': 'A graduate’s outcome details are for their school only',
    'outcome.schoolRequired': 'Say which school’s graduates you want listed',
  },
});
