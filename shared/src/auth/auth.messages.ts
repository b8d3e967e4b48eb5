import { defineMessages } from '../messages/messages.define';

// Errors of sign-up, log-in, invitations and the user's own settings.
export const authMessages = defineMessages({
  fr: {
    'auth.wrongCredentials': 'E-mail ou mot de passe incorrect',
    'auth.tooManyLogins': 'Trop de tentatives de connexion. Réessayez dans quelques minutes.',
    'auth.siretTaken': 'Une entreprise avec ce SIRET est déjà inscrite',
    'auth.emailTaken': 'Un compte existe déjà avec cette adresse e-mail',
    'auth.adminInvitesStaffOnly': 'La fédération invite l’équipe des écoles ; les élèves sont invités par leur école',
    'auth.staffInvitesStudentsOnly': 'L’équipe d’une école invite ses élèves',
    'auth.ownSchoolOnly': 'Vous ne pouvez inviter que dans votre école',
    'auth.schoolRequired': 'input.schoolId : école obligatoire',
    'auth.schoolRequiredField': 'École obligatoire',
    'auth.invitationUsed': 'Cette invitation a déjà été utilisée',
    'auth.invitationUsedField': 'Invitation déjà utilisée',
    'auth.invitationExpired': 'Cette invitation a expiré : demandez-en une nouvelle',
    'auth.invitationExpiredField': 'Invitation expirée',
    'auth.sessionExpired': 'Session expirée',
    'auth.invalidToken': 'Jeton invalide',
  },
  en: {
    'auth.wrongCredentials': 'Wrong e-mail or password',
    'auth.tooManyLogins': 'Too many log-in attempts. Try again in a few minutes.',
    'auth.siretTaken': 'A company with this SIRET is already registered',
    'auth.emailTaken': 'An account already exists with this e-mail address',
    'auth.adminInvitesStaffOnly': 'The federation invites school staff; students are invited by their school',
    'auth.staffInvitesStudentsOnly': 'A school’s staff invite its students',
    'auth.ownSchoolOnly': 'You can only invite into your own school',
    'auth.schoolRequired': 'input.schoolId: school required',
    'auth.schoolRequiredField': 'School required',
    'auth.invitationUsed': 'This invitation has already been used',
    'auth.invitationUsedField': 'Invitation already used',
    'auth.invitationExpired': 'This invitation has expired: ask for a new one',
    'auth.invitationExpiredField': 'Invitation expired',
    'auth.sessionExpired': 'Session expired',
    'auth.invalidToken': 'Invalid token',
  },
});
