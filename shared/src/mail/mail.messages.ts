import { defineMessages } from '../messages/messages.define';

// Texts of the e-mails (subject, paragraphs, buttons, footer) and of the unsubscribe page, rendered by the API in the
// recipient's language. `{{…}}` values are filled in by the template (names, links, formatted dates).
export const mailMessages = defineMessages({
  fr: {
    'mail.appName': 'Promesse',
    'mail.tagline': 'Les promesses d’embauche des Écoles de Production',
    'mail.greeting': 'Bonjour {{name}},',
    'mail.greetingAnonymous': 'Bonjour,',
    'mail.linkFallback': 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :',
    'mail.footerEssential': 'Vous recevez ce message parce qu’il concerne votre compte Promesse.',
    'mail.footerOptional': 'Vous recevez ce message selon vos préférences de notification.',
    'mail.unsubscribe': 'Se désabonner',
    'mail.preferences': 'Gérer mes préférences',
    'mail.role.STUDENT': 'élève',
    'mail.role.SCHOOL_STAFF': 'membre de l’équipe',
    'mail.invitation.subject': '{{inviterName}} vous invite sur Promesse',
    'mail.invitation.intro': '{{inviterName}} ({{schoolName}}) vous invite à rejoindre Promesse en tant que {{role}}.',
    'mail.invitation.action': 'Créer mon compte',
    'mail.invitation.code': 'Si l’on vous demande un code d’invitation : {{code}}',
    'mail.invitation.expires': 'Cette invitation est valable jusqu’au {{date}}.',
    'mail.emailVerification.subject': 'Confirmez votre adresse e-mail',
    'mail.emailVerification.intro':
      'Pour activer le compte {{companyName, de}} sur Promesse, confirmez que cette adresse est bien la vôtre.',
    'mail.emailVerification.action': 'Confirmer mon adresse',
    'mail.emailVerification.expires': 'Ce lien est valable {{hours}} heures.',
    'mail.emailVerification.ignore': 'Si vous n’avez pas créé de compte, ignorez ce message.',
    'mail.accountExists.subject': 'Inscription sur Promesse',
    'mail.accountExists.intro':
      'Quelqu’un a voulu créer un compte entreprise avec votre adresse, qui a déjà un compte Promesse. Si c’était vous, connectez-vous, ou réinitialisez votre mot de passe si vous l’avez oublié.',
    'mail.accountExists.action': 'Se connecter',
    'mail.passwordReset.subject': 'Réinitialisation de votre mot de passe',
    'mail.passwordReset.intro':
      'Vous avez demandé à réinitialiser votre mot de passe Promesse. Ce lien est valable une heure et ne sert qu’une fois.',
    'mail.passwordReset.action': 'Choisir un nouveau mot de passe',
    'mail.passwordReset.ignore':
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.',
    'mail.passwordChanged.subject': 'Votre mot de passe a été modifié',
    'mail.passwordChanged.intro':
      'Le mot de passe de votre compte Promesse vient d’être modifié et toutes vos sessions ont été fermées.',
    'mail.passwordChanged.warning': 'Si ce n’était pas vous, réinitialisez votre mot de passe tout de suite.',
    'mail.passwordChanged.action': 'Se connecter',
    'mail.passwordChanged.introOtherSessions':
      'Le mot de passe de votre compte Promesse vient d’être modifié depuis votre profil. Vos autres appareils ont été déconnectés.',
    'mail.emailChanged.subject': 'L’adresse e-mail de votre compte a été modifiée',
    'mail.emailChanged.intro':
      'L’adresse e-mail de votre compte Promesse vient d’être remplacée par {{newEmail}}. Ce message est le dernier envoyé à cette adresse.',
    'mail.emailChanged.warning':
      'Si ce n’était pas vous, répondez à l’équipe Promesse de votre école ou de la fédération sans attendre.',
    'mail.notification.action': 'Voir sur Promesse',
    'mail.digest.subject_one': 'Promesse : {{count}} notification non lue',
    'mail.digest.subject_other': 'Promesse : {{count}} notifications non lues',
    'mail.digest.intro': 'Voici ce que vous n’avez pas encore lu sur Promesse :',
    'mail.digest.action': 'Voir mes notifications',
    'mail.jobAlert.subject': 'Nouvelle promesse d’embauche : {{title}}',
    'mail.jobAlert.intro': '{{companyName}} propose « {{title}} » à {{city}}.',
    'mail.jobAlert.search': 'Elle correspond à votre recherche « {{searchName}} ».',
    'mail.jobAlert.action': 'Voir la promesse',
    'mail.promiseExpiring.subject': 'Votre promesse « {{title}} » expire le {{date}}',
    'mail.promiseExpiring.intro':
      'Votre promesse d’embauche « {{title}} » expire le {{date}}. Prolongez-la si le poste est toujours ouvert, ou clôturez-la pour prévenir les candidat·es.',
    'mail.promiseExpiring.action': 'Gérer la promesse',
    'mail.applicationsWaiting.subject_one': 'Une candidature attend votre réponse',
    'mail.applicationsWaiting.subject_other': '{{count}} candidatures attendent votre réponse',
    'mail.applicationsWaiting.intro_one':
      'Une candidature à votre promesse « {{title}} » attend une réponse depuis plus de {{days}} jours.',
    'mail.applicationsWaiting.intro_other':
      '{{count}} candidatures à votre promesse « {{title}} » attendent une réponse depuis plus de {{days}} jours.',
    'mail.applicationsWaiting.action': 'Répondre aux candidatures',
    'mail.unsubscribePage.title': 'Désabonnement',
    'mail.unsubscribePage.confirm': 'Ne plus recevoir ces e-mails : {{topic}} ?',
    'mail.unsubscribePage.button': 'Me désabonner',
    'mail.unsubscribePage.done': 'C’est fait : vous ne recevrez plus ces e-mails ({{topic}}).',
    'mail.unsubscribePage.invalid': 'Ce lien de désabonnement n’est pas valide.',
    'mail.topic.digest': 'le résumé quotidien',
    'mail.topic.jobAlert': 'les alertes de promesses d’embauche',
    'mail.topic.reminder': 'les rappels',
    'mail.topic.notification': 'les notifications « {{type}} »',
    'mail.interview.confirmed.subject': 'Entretien confirmé : {{title}}, {{when}}',
    'mail.interview.confirmed.intro':
      'L’entretien entre {{studentName}} et {{companyName}} pour « {{title}} » est confirmé : {{when}}.',
    'mail.interview.reminder.subject': 'Rappel : entretien demain, {{when}}',
    'mail.interview.reminder.intro':
      'Rappel : l’entretien entre {{studentName}} et {{companyName}} pour « {{title}} » a lieu {{when}}.',
    'mail.interview.cancelled.subject': 'Entretien annulé : {{title}}, {{when}}',
    'mail.interview.cancelled.intro':
      'L’entretien entre {{studentName}} et {{companyName}} pour « {{title}} », prévu {{when}}, est annulé.',
    'mail.interview.where': 'Lieu : {{where}} (durée prévue : {{minutes}} min).',
    'mail.interview.message': 'Message : {{message}}',
    'mail.interview.action': 'Voir dans Promesse',
    'mail.interview.calendar': 'L’invitation de calendrier (.ics) jointe ajoute l’entretien à votre agenda.',
    'mail.interview.calendarCancel': 'L’invitation de calendrier (.ics) jointe retire l’entretien de votre agenda.',
    'mail.interview.eventTitle': 'Entretien : {{title}} ({{companyName}})',
    'mail.colleagueInvitation.subject': '{{inviterName}} vous invite à recruter avec {{companyName}} sur Promesse',
    'mail.colleagueInvitation.intro':
      '{{inviterName}} vous invite à rejoindre l’équipe de recrutement {{companyName, de}} sur Promesse.',
    'mail.inactivityWarning.subject': 'Votre compte Promesse sera anonymisé le {{date}}',
    'mail.inactivityWarning.intro':
      'Vous ne vous êtes pas connecté·e à Promesse depuis longtemps. Sans connexion de votre part d’ici le {{date}}, votre compte sera anonymisé : votre nom, vos coordonnées, vos messages et vos fichiers seront effacés.',
    'mail.inactivityWarning.keep': 'Pour garder votre compte, il suffit de vous connecter.',
    'mail.inactivityWarning.action': 'Me connecter',
  },
  en: {
    'mail.appName': 'Promesse',
    'mail.tagline': 'The job promises of the Écoles de Production',
    'mail.greeting': 'Hello {{name}},',
    'mail.greetingAnonymous': 'Hello,',
    'mail.linkFallback': 'If the button does not work, copy this link into your browser:',
    'mail.footerEssential': 'You receive this message because it concerns your Promesse account.',
    'mail.footerOptional': 'You receive this message because of your notification preferences.',
    'mail.unsubscribe': 'Unsubscribe',
    'mail.preferences': 'Manage my preferences',
    'mail.role.STUDENT': 'a student',
    'mail.role.SCHOOL_STAFF': 'a staff member',
    'mail.invitation.subject': '{{inviterName}} invites you to Promesse',
    'mail.invitation.intro': '{{inviterName}} ({{schoolName}}) invites you to join Promesse as {{role}}.',
    'mail.invitation.action': 'Create my account',
    'mail.invitation.code': 'If you are asked for an invitation code: {{code}}',
    'mail.invitation.expires': 'This invitation is valid until {{date}}.',
    'mail.emailVerification.subject': 'Confirm your e-mail address',
    'mail.emailVerification.intro':
      'To activate the account of {{companyName}} on Promesse, confirm that this address is yours.',
    'mail.emailVerification.action': 'Confirm my address',
    'mail.emailVerification.expires': 'This link is valid for {{hours}} hours.',
    'mail.emailVerification.ignore': 'If you did not create an account, ignore this message.',
    'mail.accountExists.subject': 'Signing up to Promesse',
    'mail.accountExists.intro':
      'Someone tried to create a company account with your address, which already has a Promesse account. If it was you, log in, or reset your password if you forgot it.',
    'mail.accountExists.action': 'Log in',
    'mail.passwordReset.subject': 'Resetting your password',
    'mail.passwordReset.intro':
      'You asked to reset your Promesse password. This link is valid for one hour and works only once.',
    'mail.passwordReset.action': 'Choose a new password',
    'mail.passwordReset.ignore': 'If you did not ask for this, ignore this message: your password does not change.',
    'mail.passwordChanged.subject': 'Your password was changed',
    'mail.passwordChanged.intro':
      'The password of your Promesse account was just changed and all your sessions were closed.',
    'mail.passwordChanged.warning': 'If it was not you, reset your password right away.',
    'mail.passwordChanged.action': 'Log in',
    'mail.passwordChanged.introOtherSessions':
      'The password of your Promesse account was just changed from your profile. Your other devices were logged out.',
    'mail.emailChanged.subject': 'The e-mail address of your account was changed',
    'mail.emailChanged.intro':
      'The e-mail address of your Promesse account was just replaced by {{newEmail}}. This is the last message sent to this address.',
    'mail.emailChanged.warning':
      'If it was not you, contact the Promesse team of your school or of the federation right away.',
    'mail.notification.action': 'Open in Promesse',
    'mail.digest.subject_one': 'Promesse: {{count}} unread notification',
    'mail.digest.subject_other': 'Promesse: {{count}} unread notifications',
    'mail.digest.intro': 'Here is what you have not read yet on Promesse:',
    'mail.digest.action': 'See my notifications',
    'mail.jobAlert.subject': 'New job promise: {{title}}',
    'mail.jobAlert.intro': '{{companyName}} offers “{{title}}” in {{city}}.',
    'mail.jobAlert.search': 'It matches your search “{{searchName}}”.',
    'mail.jobAlert.action': 'See the job promise',
    'mail.promiseExpiring.subject': 'Your job promise “{{title}}” expires on {{date}}',
    'mail.promiseExpiring.intro':
      'Your job promise “{{title}}” expires on {{date}}. Extend it if the job is still open, or close it to let the applicants know.',
    'mail.promiseExpiring.action': 'Manage the job promise',
    'mail.applicationsWaiting.subject_one': 'An application is waiting for your answer',
    'mail.applicationsWaiting.subject_other': '{{count}} applications are waiting for your answer',
    'mail.applicationsWaiting.intro_one':
      'An application to your job promise “{{title}}” has been waiting for an answer for more than {{days}} days.',
    'mail.applicationsWaiting.intro_other':
      '{{count}} applications to your job promise “{{title}}” have been waiting for an answer for more than {{days}} days.',
    'mail.applicationsWaiting.action': 'Answer the applications',
    'mail.unsubscribePage.title': 'Unsubscribe',
    'mail.unsubscribePage.confirm': 'Stop receiving these e-mails: {{topic}}?',
    'mail.unsubscribePage.button': 'Unsubscribe',
    'mail.unsubscribePage.done': 'Done: you will no longer receive these e-mails ({{topic}}).',
    'mail.unsubscribePage.invalid': 'This unsubscribe link is not valid.',
    'mail.topic.digest': 'the daily digest',
    'mail.topic.jobAlert': 'job promise alerts',
    'mail.topic.reminder': 'reminders',
    'mail.topic.notification': '“{{type}}” notifications',
    'mail.interview.confirmed.subject': 'Interview confirmed: {{title}}, {{when}}',
    'mail.interview.confirmed.intro':
      'The interview between {{studentName}} and {{companyName}} for “{{title}}” is confirmed: {{when}}.',
    'mail.interview.reminder.subject': 'Reminder: interview tomorrow, {{when}}',
    'mail.interview.reminder.intro':
      'Reminder: the interview between {{studentName}} and {{companyName}} for “{{title}}” takes place {{when}}.',
    'mail.interview.cancelled.subject': 'Interview cancelled: {{title}}, {{when}}',
    'mail.interview.cancelled.intro':
      'The interview between {{studentName}} and {{companyName}} for “{{title}}”, planned {{when}}, is cancelled.',
    'mail.interview.where': 'Where: {{where}} (planned length: {{minutes}} min).',
    'mail.interview.message': 'Message: {{message}}',
    'mail.interview.action': 'See it in Promesse',
    'mail.interview.calendar': 'The attached calendar invitation (.ics) adds the interview to your calendar.',
    'mail.interview.calendarCancel':
      'The attached calendar invitation (.ics) removes the interview from your calendar.',
    'mail.interview.eventTitle': 'Interview: {{title}} ({{companyName}})',
    'mail.colleagueInvitation.subject': '{{inviterName}} invites you to recruit with {{companyName}} on Promesse',
    'mail.colleagueInvitation.intro':
      '{{inviterName}} invites you to join the hiring team of {{companyName}} on Promesse.',
    'mail.inactivityWarning.subject': 'Your Promesse account will be anonymised on {{date}}',
    'mail.inactivityWarning.intro':
      'You have not logged in to Promesse for a long time. Unless you log in by {{date}}, your account will be anonymised: your name, contact details, messages and files will be erased.',
    'mail.inactivityWarning.keep': 'To keep your account, just log in.',
    'mail.inactivityWarning.action': 'Log in',
  },
});
