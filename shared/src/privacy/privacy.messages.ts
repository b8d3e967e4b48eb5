import { defineMessages } from '../messages/messages.define';

// Export and erasure of personal data (issue 18).
export const privacyMessages = defineMessages({
  fr: {
    'privacy.wrongPassword': 'Mot de passe incorrect',
    'privacy.notErasable': 'Ce compte ne peut pas être supprimé ici',
    'privacy.ownStudentsOnly': 'Seuls les élèves de votre école',
    'privacy.erasedStudent': 'Ancien·ne élève',
  },
  en: {
    'privacy.wrongPassword': 'Wrong password',
    'privacy.notErasable': 'This account cannot be deleted here',
    'privacy.ownStudentsOnly': 'Only the students of your school',
    'privacy.erasedStudent': 'Former student',
  },
});
