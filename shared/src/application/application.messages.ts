import { defineMessages } from '../messages/messages.define';

export const applicationMessages = defineMessages({
  fr: {
    'application.studentsOnly': 'Réservé aux élèves',
    'application.notOpen': 'Cette promesse n’accepte plus de candidatures',
    'application.notYours': 'Cette candidature n’est pas la vôtre',
    'application.partiesOnly': 'Seuls l’entreprise et l’élève font avancer une candidature',
    'application.changedMeanwhile': 'Cette candidature a changé entre-temps : rechargez-la',
    'application.noPositionLeft': 'Tous les postes de cette promesse sont déjà pourvus ou elle n’est plus ouverte',
    'application.notVisible': 'Cette candidature ne vous est pas accessible',
    'application.impossibleMove': 'Impossible de passer la candidature de « {{fromLabel}} » à « {{toLabel}} »',
    'application.reasonRequired': 'Indiquez la raison du refus',
  },
  en: {
    'application.studentsOnly': 'For students only',
    'application.notOpen': 'This promise no longer accepts applications',
    'application.notYours': 'This application is not yours',
    'application.partiesOnly': 'Only the company and the student move an application forward',
    'application.changedMeanwhile': 'This application changed in the meantime: reload it',
    'application.noPositionLeft': 'Every position of this promise is already filled or it is no longer open',
    'application.notVisible': 'You cannot access this application',
    'application.impossibleMove': 'The application cannot go from “{{fromLabel}}” to “{{toLabel}}”',
    'application.reasonRequired': 'Give the reason for the rejection',
  },
});
