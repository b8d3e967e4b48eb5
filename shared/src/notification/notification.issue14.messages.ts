import { defineMessages } from '../messages/messages.define';

// Texts of the notification types added with e-mail (issue 14): saved-search alerts, reminders to companies,
// recommendations closed with their promise; and the preference channels' labels.
export const notificationIssue14Messages = defineMessages({
  fr: {
    'notification.JOB_ALERT_MATCH.title': 'Nouvelle promesse pour votre alerte',
    'notification.JOB_ALERT_MATCH.body':
      '{{companyName}} propose {{jobPromise}}{{city}}, qui correspond à {{alertName}}.',
    'notification.JOB_ALERT_MATCH.city': ' à {{city}}',
    'notification.JOB_ALERT_MATCH.companyFallback': 'Une entreprise',
    'notification.JOB_ALERT_MATCH.jobPromiseFallback': 'un poste',
    'notification.JOB_ALERT_MATCH.alertFallback': 'votre alerte',
    'notification.JOB_PROMISE_EXPIRING.title': 'Votre promesse expire bientôt',
    'notification.JOB_PROMISE_EXPIRING.body':
      'Votre promesse {{jobPromise}} expire le {{date, longDate}}. Prolongez-la ou clôturez-la.',
    'notification.JOB_PROMISE_EXPIRING.jobPromiseFallback': 'd’embauche',
    'notification.APPLICATIONS_WAITING.title': 'Des candidatures attendent votre réponse',
    'notification.APPLICATIONS_WAITING.body_one':
      '{{count}} candidature à votre promesse {{jobPromise}} attend une réponse depuis {{days}} jours.',
    'notification.APPLICATIONS_WAITING.body_other':
      '{{count}} candidatures à votre promesse {{jobPromise}} attendent une réponse depuis {{days}} jours.',
    'notification.APPLICATIONS_WAITING.jobPromiseFallback': 'd’embauche',
    'notification.RECOMMENDATION_CLOSED.title': 'Recommandation close',
    'notification.RECOMMENDATION_CLOSED.bodyClosed':
      'La promesse {{jobPromise}} pour laquelle vous étiez recommandé·e a été clôturée.',
    'notification.RECOMMENDATION_CLOSED.bodyExpired':
      'La promesse {{jobPromise}} pour laquelle vous étiez recommandé·e a expiré.',
    'notification.RECOMMENDATION_CLOSED.bodyFilled':
      'La promesse {{jobPromise}} pour laquelle vous étiez recommandé·e est pourvue.',
    'notification.RECOMMENDATION_CLOSED.jobPromiseFallback': 'd’embauche',
    'notification.channel.IN_APP': 'Dans l’application',
    'notification.channel.IMMEDIATE': 'E-mail immédiat',
    'notification.channel.DIGEST': 'Résumé quotidien',
    'notification.channel.MUTED': 'Désactivé',
  },
  en: {
    'notification.JOB_ALERT_MATCH.title': 'New job promise for your alert',
    'notification.JOB_ALERT_MATCH.body': '{{companyName}} offers {{jobPromise}}{{city}}, matching {{alertName}}.',
    'notification.JOB_ALERT_MATCH.city': ' in {{city}}',
    'notification.JOB_ALERT_MATCH.companyFallback': 'A company',
    'notification.JOB_ALERT_MATCH.jobPromiseFallback': 'a position',
    'notification.JOB_ALERT_MATCH.alertFallback': 'your alert',
    'notification.JOB_PROMISE_EXPIRING.title': 'Your job promise expires soon',
    'notification.JOB_PROMISE_EXPIRING.body':
      'Your job promise {{jobPromise}} expires on {{date, longDate}}. Extend it or close it.',
    'notification.JOB_PROMISE_EXPIRING.jobPromiseFallback': '(untitled)',
    'notification.APPLICATIONS_WAITING.title': 'Applications are waiting for your answer',
    'notification.APPLICATIONS_WAITING.body_one':
      '{{count}} application to your job promise {{jobPromise}} has been waiting for {{days}} days.',
    'notification.APPLICATIONS_WAITING.body_other':
      '{{count}} applications to your job promise {{jobPromise}} have been waiting for {{days}} days.',
    'notification.APPLICATIONS_WAITING.jobPromiseFallback': '(untitled)',
    'notification.RECOMMENDATION_CLOSED.title': 'Recommendation closed',
    'notification.RECOMMENDATION_CLOSED.bodyClosed':
      'The job promise {{jobPromise}} you were recommended for has been closed.',
    'notification.RECOMMENDATION_CLOSED.bodyExpired':
      'The job promise {{jobPromise}} you were recommended for has expired.',
    'notification.RECOMMENDATION_CLOSED.bodyFilled':
      'The job promise {{jobPromise}} you were recommended for has been filled.',
    'notification.RECOMMENDATION_CLOSED.jobPromiseFallback': '(untitled)',
    'notification.channel.IN_APP': 'In the app',
    'notification.channel.IMMEDIATE': 'E-mail at once',
    'notification.channel.DIGEST': 'Daily digest',
    'notification.channel.MUTED': 'Off',
  },
});
