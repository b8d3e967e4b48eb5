import { defineMessages } from '../messages/messages.define';

export const jobAlertMessages = defineMessages({
  fr: {
    'jobAlert.emptyFilter': 'Choisissez au moins un critère (métier, contrat, distance ou mots).',
    'jobAlert.nameRequired': 'Donnez un nom à l’alerte.',
    'jobAlert.tooMany': 'Vous avez déjà {{max}} alertes : supprimez-en une pour en créer une autre.',
    'jobAlert.studentsOnly': 'Seuls les élèves enregistrent des alertes.',
  },
  en: {
    'jobAlert.emptyFilter': 'Choose at least one criterion (trade, contract, distance or words).',
    'jobAlert.nameRequired': 'Give the alert a name.',
    'jobAlert.tooMany': 'You already have {{max}} alerts: delete one to create another.',
    'jobAlert.studentsOnly': 'Only students save alerts.',
  },
});
