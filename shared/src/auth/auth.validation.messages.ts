import { defineMessages } from '../messages/messages.define';

// Validation texts of the sign-up, log-in and invitation inputs.
export const authValidationMessages = defineMessages({
  fr: {
    'validation.siretExpected': 'SIRET attendu',
    'validation.siretDigits': 'Le SIRET compte 14 chiffres',
    'validation.siretChecksum': 'Ce numéro SIRET n’est pas valide',
    'validation.codeExpected': 'Code attendu',
    'validation.invitationCodeInvalid': 'Code d’invitation invalide',
    'validation.invitableRole': 'Rôle invitable : élève ou équipe de l’école',
  },
  en: {
    'validation.siretExpected': 'SIRET expected',
    'validation.siretDigits': 'A SIRET has 14 digits',
    'validation.siretChecksum': 'This SIRET number is not valid',
    'validation.codeExpected': 'Code expected',
    'validation.invitationCodeInvalid': 'Invalid invitation code',
    'validation.invitableRole': 'Invitable role: student or school staff',
  },
});
