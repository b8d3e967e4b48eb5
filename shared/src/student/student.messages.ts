import { defineMessages } from '../messages/messages.define';

export const studentMessages = defineMessages({
  fr: {
    'student.ownProfileOnly': 'Vous ne pouvez modifier que votre propre profil',
    'student.studentRequired': 'input.studentId : indiquez l’élève à modifier',
    'student.studentRequiredField': 'Élève obligatoire',
    'student.notInYourSchool': 'Cet élève n’est pas dans votre école',
    'student.notAccessible': 'Élève non accessible',
  },
  en: {
    'student.ownProfileOnly': 'You can only edit your own profile',
    'student.studentRequired': 'input.studentId: say which student to edit',
    'student.studentRequiredField': 'Student required',
    'student.notInYourSchool': 'This student is not in your school',
    'student.notAccessible': 'Student not accessible',
  },
});
