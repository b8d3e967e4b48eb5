import { defineMessages } from '../messages/messages.define';

export const recommendationMessages = defineMessages({
  fr: {
    'recommendation.staffOnly': 'Réservé à l’équipe des écoles',
    'recommendation.ownStudentsOnly': 'Vous ne pouvez recommander que les élèves de votre école',
    'recommendation.alreadyPending': 'Une recommandation de cet·te élève pour cette promesse attend déjà sa réponse',
    'recommendation.notForYou': 'Cette recommandation ne vous est pas adressée',
    'recommendation.alreadyAnswered': 'Vous avez déjà répondu à cette recommandation',
    'recommendation.cannotAnswer': 'Réponse à la recommandation impossible',
    'recommendation.notVisible': 'Cette recommandation ne vous est pas accessible',
    'recommendation.studentHired': 'Cet·te élève est déjà embauché·e : plus besoin de le ou la recommander',
    'recommendation.alreadyRecommended': 'Cet·te élève est déjà recommandé·e pour cette promesse',
    'recommendation.alreadyApplied': 'Cet·te élève a déjà candidaté à cette promesse',
  },
  en: {
    'recommendation.staffOnly': 'For school staff only',
    'recommendation.ownStudentsOnly': 'You can only recommend students of your school',
    'recommendation.alreadyPending': 'A recommendation of this student for this promise is already awaiting an answer',
    'recommendation.notForYou': 'This recommendation is not addressed to you',
    'recommendation.alreadyAnswered': 'You have already answered this recommendation',
    'recommendation.cannotAnswer': 'This recommendation cannot be answered',
    'recommendation.notVisible': 'You cannot access this recommendation',
    'recommendation.studentHired': 'This student is already hired: no need to recommend them',
    'recommendation.alreadyRecommended': 'This student is already recommended for this promise',
    'recommendation.alreadyApplied': 'This student has already applied to this promise',
  },
});
