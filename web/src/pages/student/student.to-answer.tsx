import { Link } from 'react-router';
import type { StudentToAnswerQuery } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';

/**
 * What waits for the student's answer, before any promise: offers (accept or not), interviews proposed, and
 * recommendations from their school. Nothing shown when nothing waits.
 */
export function ToAnswer({ data }: { data: StudentToAnswerQuery }) {
  const { t } = useI18n();
  const offers = data.myApplications.filter((a) => a.status === 'OFFERED');
  const interviews = data.myApplications.filter((a) => a.status === 'INTERVIEW');
  const recommendations = data.myRecommendations.filter((r) => r.status === 'PENDING');
  const total = offers.length + interviews.length + recommendations.length;
  if (total === 0) return null;
  return (
    <section className="card card--attention" aria-labelledby="to-answer-title" data-testid="to-answer">
      <h2 id="to-answer-title">{t('student.toAnswer.title', { count: total })}</h2>
      <ul className="list">
        {offers.map((a) => (
          <li key={a.id} data-kind="offer">
            <strong>
              {t('student.toAnswer.offer', { title: a.jobPromise.title, company: a.jobPromise.company.name })}
            </strong>{' '}
            <Link to="/eleve/candidatures">{t('student.toAnswer.answerOffer')}</Link>
          </li>
        ))}
        {recommendations.map((r) => (
          <li key={r.id} data-kind="recommendation">
            {t('student.toAnswer.recommendation', { title: r.jobPromise.title, company: r.jobPromise.company.name })}{' '}
            <Link to="/eleve/recommandations">{t('student.toAnswer.answerRecommendation')}</Link>
          </li>
        ))}
        {interviews.map((a) => (
          <li key={a.id} data-kind="interview">
            {t('student.toAnswer.interview', { title: a.jobPromise.title, company: a.jobPromise.company.name })}{' '}
            <Link to={`/eleve/promesses/${a.jobPromise.id}`}>{t('student.toAnswer.seePromise')}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
