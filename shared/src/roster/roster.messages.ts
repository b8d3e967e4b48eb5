import { defineMessages } from '../messages/messages.define';

// Texts of the school roster: the CSV import of students (per-line problems) and the students' situations.
export const rosterMessages = defineMessages({
  fr: {
    'roster.import.empty': 'Le fichier ne contient aucun élève',
    'roster.import.tooManyLines': '{{max}} élèves au plus par import',
    'roster.import.noEmailColumn': 'Aucune colonne d’adresses e-mail (en-tête « email » ou « e-mail »)',
    'roster.import.emailMissing': 'Adresse e-mail manquante',
    'roster.import.emailInvalid': 'Adresse e-mail invalide : {{value}}',
    'roster.import.duplicateInFile': 'Adresse déjà présente ligne {{line}}',
    'roster.import.nameTooLong': 'Nom trop long ({{max}} caractères maximum)',
    'roster.import.emailTaken': 'Un compte existe déjà avec cette adresse',
    'roster.import.alreadyInvited': 'Une invitation est déjà en attente pour cette adresse',
    'roster.import.hasErrors_one': '{{count}} ligne à corriger : aucun élève n’a été importé',
    'roster.import.hasErrors_other': '{{count}} lignes à corriger : aucun élève n’a été importé',
    'roster.followUpNotAccessible': 'Le suivi d’un élève est réservé à son école',
  },
  en: {
    'roster.import.empty': 'The file contains no student',
    'roster.import.tooManyLines': 'At most {{max}} students per import',
    'roster.import.noEmailColumn': 'No e-mail address column (header “email” or “e-mail”)',
    'roster.import.emailMissing': 'E-mail address missing',
    'roster.import.emailInvalid': 'Invalid e-mail address: {{value}}',
    'roster.import.duplicateInFile': 'Address already on line {{line}}',
    'roster.import.nameTooLong': 'Name too long ({{max}} characters maximum)',
    'roster.import.emailTaken': 'An account already exists with this address',
    'roster.import.alreadyInvited': 'An invitation is already pending for this address',
    'roster.import.hasErrors_one': '{{count}} line to fix: no student was imported',
    'roster.import.hasErrors_other': '{{count}} lines to fix: no student was imported',
    'roster.followUpNotAccessible': 'A student’s follow-up is for their school only',
  },
});
