import { defineMessages } from '../messages/messages.define';

// Refusals of input hygiene (common.text.ts, dates in common.schemas.ts).
export const hygieneMessages = defineMessages({
  fr: {
    'validation.textMalformed': 'Texte mal encodé (caractère incomplet)',
    'validation.controlCharacter': 'Caractère interdit (caractère nul ou de contrôle)',
    'validation.invisibleOnly': 'Le texte ne contient que des caractères invisibles',
    'validation.dateOutOfRange': 'Date hors de la période plausible (du {{from}} au {{to}})',
    'validation.passwordRepeated': 'Ce mot de passe répète un seul caractère : choisissez-en un autre',
    'validation.passwordCommon': 'Ce mot de passe fait partie des plus courants : choisissez-en un autre',
  },
  en: {
    'validation.textMalformed': 'Malformed text (incomplete character)',
    'validation.controlCharacter': 'Forbidden character (null or control character)',
    'validation.invisibleOnly': 'The text contains only invisible characters',
    'validation.dateOutOfRange': 'Date outside the plausible period ({{from}} to {{to}})',
    'validation.passwordRepeated': 'This password repeats a single character: choose another one',
    'validation.passwordCommon': 'This password is one of the most common ones: choose another one',
  },
});
