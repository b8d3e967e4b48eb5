import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../../app/app.session';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLiveRefresh } from '../../components/use-live-refresh';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { isHiredSituation } from '@promesse/shared';
import { MatchingJobPromisesDocument, StudentToAnswerDocument } from './student.documents';
import { PromiseCard } from './student.promise-card';
import { ToAnswer } from './student.to-answer';

const BEST_COUNT = 10;

/** The student's home: the open promises that match their profile best, with score and reasons. */
export function StudentHomePage() {
  const { t } = useI18n();
  useDocumentTitle(t('student.home.title'));
  const session = useSession();
  const [toAnswer, refetchToAnswer] = useQuery({ query: StudentToAnswerDocument, requestPolicy: 'cache-and-network' });
  const hired = toAnswer.data?.myStudentProfile ? isHiredSituation(toAnswer.data.myStudentProfile.situation) : false;
  const [result, reexecute] = useQuery({
    query: MatchingJobPromisesDocument,
    variables: { first: BEST_COUNT },
    requestPolicy: 'cache-and-network',
    // Once hired, the home congratulates and proposes no more promises.
    pause: !toAnswer.data || hired,
  });
  useLiveRefresh(
    (n) =>
      n.type === 'JOB_PROMISE_MATCH' || n.type === 'APPLICATION_STATUS_CHANGED' || n.type === 'RECOMMENDATION_RECEIVED',
    () => {
      refetchToAnswer({ requestPolicy: 'network-only' });
      reexecute({ requestPolicy: 'network-only' });
    },
  );
  const name = session.status === 'ready' ? session.me.displayName : '';
  const matches = result.data?.matchingJobPromises;

  return (
    <div className="page">
      <p className="page__eyebrow">{t('home.student.title')}</p>
      <h1>{t('home.greeting', { name })}</h1>
      {toAnswer.data ? <ToAnswer data={toAnswer.data} /> : null}
      {hired ? (
        <section className="card alert alert--success" aria-labelledby="hired-title" data-testid="hired-congrats">
          <h2 id="hired-title">{t('student.home.hiredTitle')}</h2>
          <p>{t('student.home.hired')}</p>
          <Link to="/eleve/candidatures">{t('student.home.seeApplications')}</Link>
        </section>
      ) : null}
      {!toAnswer.data && !toAnswer.error ? <LoadingState /> : null}
      {toAnswer.data && !hired ? <p className="page__lead">{t('student.home.lead')}</p> : null}
      {toAnswer.data && !hired ? (
        <section aria-labelledby="best-matches">
          <h2 id="best-matches">{t('student.home.title')}</h2>
          {result.error && !matches ? (
            <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
          ) : !matches ? (
            <LoadingState />
          ) : matches.length === 0 ? (
            <EmptyState
              title={t('student.home.emptyTitle')}
              action={
                <Link className="button button--secondary" to="/eleve/profil">
                  {t('student.home.completeProfile')}
                </Link>
              }
            >
              <p>{t('student.home.empty')}</p>
            </EmptyState>
          ) : (
            <ul className="card-list" data-testid="matching-promises">
              {matches.map((m) => (
                <li key={m.jobPromise.id}>
                  <PromiseCard
                    promise={m.jobPromise}
                    match={{
                      score: m.score,
                      reasons: m.reasons,
                      reasonCodes: m.reasonCodes,
                      distanceKm: m.distanceKm,
                    }}
                    applicationStatus={m.jobPromise.myApplication?.status}
                  />
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/eleve/recherche">{t('student.home.searchAll')}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
