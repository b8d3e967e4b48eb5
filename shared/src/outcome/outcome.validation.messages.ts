import { defineMessages } from '../messages/messages.define';

// Validation texts of the outcome records and the outcome filter.
export const outcomeValidationMessages = defineMessages({
  fr: {
    'validation.exitOutcomeUnknown': 'Situation de sortie inconnue',
    'validation.employedCompanyRequired': 'Indiquez l’entreprise qui emploie le diplômé',
    'validation.employedContractRequired': 'Indiquez le type de contrat',
    'validation.employedNotApprenticeship':
      'Un contrat d’apprentissage s’enregistre comme la situation « En apprentissage »',
    'validation.employedStartRequired': 'Indiquez la date de début du contrat',
    'validation.contractOnlyEmployed': 'Le type de contrat ne s’indique que pour un emploi',
    'validation.companyOnlyEmployedOrApprenticeship':
      'Une entreprise ne s’indique que pour un emploi ou un apprentissage',
    'validation.outcomeStartWithinYear': 'La date de début est au plus dans un an',
    'validation.promiseDateFuture': 'La date de la promesse ne peut pas être future',
    'validation.tradesExpected': 'Liste de métiers attendue',
    'validation.maxValues': '{{max}} valeurs maximum',
    'validation.yearExpected': 'Année attendue',
    'validation.yearMin': 'Année {{min}} au plus tôt',
    'validation.yearMax': 'Année {{max}} au plus tard',
  },
  en: {
    'validation.exitOutcomeUnknown': 'Unknown exit outcome',
    'validation.employedCompanyRequired': 'Name the company employing the graduate',
    'validation.employedContractRequired': 'Give the contract type',
    'validation.employedNotApprenticeship': 'An apprenticeship contract is recorded as the “Apprenticeship” outcome',
    'validation.employedStartRequired': 'Give the start date of the contract',
    'validation.contractOnlyEmployed': 'A contract type is given for a job only',
    'validation.companyOnlyEmployedOrApprenticeship': 'A company is given for a job or an apprenticeship only',
    'validation.outcomeStartWithinYear': 'The start date is at most one year ahead',
    'validation.promiseDateFuture': 'The date of the promise cannot be in the future',
    'validation.tradesExpected': 'List of trades expected',
    'validation.maxValues': '{{max}} values maximum',
    'validation.yearExpected': 'Year expected',
    'validation.yearMin': 'Year {{min}} at the earliest',
    'validation.yearMax': 'Year {{max}} at the latest',
  },
});
