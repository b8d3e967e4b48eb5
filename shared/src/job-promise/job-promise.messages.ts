import { defineMessages } from '../messages/messages.define';

// What the job-promise use cases refuse, and why (validation texts are in job-promise.validation.messages.ts).
export const jobPromiseMessages = defineMessages({
  fr: {
    'jobPromise.recruitersOnly': 'Réservé aux recruteurs',
    'jobPromise.otherCompany': 'Cette promesse appartient à une autre entreprise',
    'jobPromise.partnershipRequired': 'Votre entreprise doit d’abord avoir un partenariat approuvé avec une école',
    'jobPromise.partnerSchoolsOnly': 'Vous ne pouvez publier que pour vos écoles partenaires',
    'jobPromise.onlyDraftEditable': 'Seul un brouillon peut être modifié',
    'jobPromise.changedMeanwhile': 'Cette promesse a été publiée ou clôturée entre-temps',
    'jobPromise.expiredBeforePublishing': 'La date d’expiration est passée : modifiez-la avant de publier',
    'jobPromise.alreadyPublished': 'Cette promesse a déjà été publiée ou clôturée',
    'jobPromise.statusChanged': 'Le statut de cette promesse a changé entre-temps',
    'jobPromise.notVisible': 'Cette promesse d’embauche ne vous est pas accessible',
    'jobPromise.partiesOnly': 'Réservé à l’entreprise et aux écoles concernées',
    'jobPromise.notForYourSchool': 'Cette promesse ne s’adresse pas à votre école',
    'jobPromise.notOpen': 'Cette promesse n’est plus ouverte',
    'jobPromise.invalidCursor': 'Curseur invalide',
  },
  en: {
    'jobPromise.recruitersOnly': 'For recruiters only',
    'jobPromise.otherCompany': 'This promise belongs to another company',
    'jobPromise.partnershipRequired': 'Your company first needs an approved partnership with a school',
    'jobPromise.partnerSchoolsOnly': 'You can only publish for your partner schools',
    'jobPromise.onlyDraftEditable': 'Only a draft can be edited',
    'jobPromise.changedMeanwhile': 'This promise was published or closed in the meantime',
    'jobPromise.expiredBeforePublishing': 'The expiry date has passed: change it before publishing',
    'jobPromise.alreadyPublished': 'This promise has already been published or closed',
    'jobPromise.statusChanged': 'The status of this promise changed in the meantime',
    'jobPromise.notVisible': 'You cannot access this job promise',
    'jobPromise.partiesOnly': 'For the company and the schools concerned only',
    'jobPromise.notForYourSchool': 'This promise is not meant for your school',
    'jobPromise.notOpen': 'This promise is no longer open',
    'jobPromise.invalidCursor': 'Invalid cursor',
  },
});
