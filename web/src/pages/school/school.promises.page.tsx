import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import {
  APPLICATION_STATUS_LABELS,
  CONTRACT_TYPE_LABELS,
  JOB_PROMISE_STATUS_LABELS,
  labelOf,
  recommendationBlocker,
  renderMessage,
  TRADE_LABELS,
  type StudentSituation,
} from '@promesse/shared';
import { formatDate, formatPercent } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from './school.context';
import { SchoolNav } from './school.nav';
import { RecommendForm } from './school.recommend';
import { studentName } from '../../components/format';

const SchoolPromisesDocument = graphql(`
  query SchoolPromises($schoolId: ID!) {
    jobPromises(filter: { schoolId: $schoolId }, first: 50) {
      edges {
        node {
          id
          title
          trade
          contractType
          status
          city
          positions
          expiresAt
          company {
            id
            name
          }
        }
      }
    }
  }
`);

export function SchoolPromisesPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('school.promisesTitle'));
  const my = useMySchool();
  const [result, reexecute] = useQuery({
    query: SchoolPromisesDocument,
    variables: { schoolId: my.school?.id ?? '' },
    pause: !my.school,
  });
  const list = result.data?.jobPromises.edges.map((e) => e.node);
  return (
    <div className="page">
      <h1>{t('school.promisesTitle')}</h1>
      <SchoolNav />
      {my.error || result.error ? (
        <ErrorState error={my.error ?? result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !list ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <EmptyState title={t('school.promisesEmptyTitle')}>
          <p>{t('school.promisesEmpty')}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {list.map((p) => (
            <li key={p.id} className="card">
              <h2 className="card__title">
                <Link to={`/ecole/promesses/${p.id}`}>{p.title}</Link>
              </h2>
              <p>
                {p.company.name} · {p.city}
              </p>
              <p className="tags">
                <span className="tag">{labelOf(TRADE_LABELS, p.trade, locale)}</span>
                <span className="tag">{labelOf(CONTRACT_TYPE_LABELS, p.contractType, locale)}</span>
                <span className="tag">{labelOf(JOB_PROMISE_STATUS_LABELS, p.status, locale)}</span>
              </p>
              <p className="field__hint">
                {t('school.positions', { count: p.positions })} ·{' '}
                {t('school.expires', { date: formatDate(p.expiresAt, locale) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const SchoolPromiseDocument = graphql(`
  query SchoolPromise($id: ID!) {
    jobPromise(id: $id) {
      id
      title
      description
      trade
      contractType
      status
      city
      positions
      startDate
      expiresAt
      skills
      company {
        id
        name
      }
      applications {
        id
        status
        source
        updatedAt
        student {
          id
          displayName
        }
      }
      recommendations {
        id
        status
        student {
          id
        }
      }
    }
  }
`);

const MatchingGraduatesDocument = graphql(`
  query SchoolMatchingGraduates($jobPromiseId: ID!) {
    matchingGraduates(jobPromiseId: $jobPromiseId, first: 20) {
      score
      reasons
      outOfRadius
      student {
        id
        displayName
        trade
        situation
      }
    }
  }
`);

export function SchoolPromisePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [result, reexecute] = useQuery({ query: SchoolPromiseDocument, variables: { id } });
  const promise = result.data?.jobPromise ?? null;
  const [matches] = useQuery({
    query: MatchingGraduatesDocument,
    variables: { jobPromiseId: id },
    pause: promise?.status !== 'OPEN',
  });
  const [selected, setSelected] = useState<string | null>(null);
  useDocumentTitle(promise?.title ?? t('school.promiseTitle'));

  if (result.error)
    return <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!result.data) return <LoadingState />;
  if (!promise) return <EmptyState title={t('school.promiseMissing')} />;
  const appliedBy = new Map((promise.applications ?? []).map((a) => [a.student.id, a]));
  // The same rule as the API (shared recommendationBlocker): the card says why instead of offering the action.
  const blockerOf = (student: { id: string; situation: StudentSituation }) =>
    recommendationBlocker({
      situation: student.situation,
      recommendationsForPromise: (promise.recommendations ?? []).filter((r) => r.student.id === student.id),
      appliedToPromise: appliedBy.has(student.id),
    });

  return (
    <div className="page">
      <p className="page__eyebrow">
        {promise.company.name} · {promise.city}
      </p>
      <h1>{promise.title}</h1>
      <SchoolNav />
      <section className="card" aria-labelledby="promise-detail">
        <h2 id="promise-detail">{t('school.promiseDetail')}</h2>
        <p className="tags">
          <span className="tag">{labelOf(TRADE_LABELS, promise.trade, locale)}</span>
          <span className="tag">{labelOf(CONTRACT_TYPE_LABELS, promise.contractType, locale)}</span>
          <span className="tag">{labelOf(JOB_PROMISE_STATUS_LABELS, promise.status, locale)}</span>
        </p>
        <p className="prewrap">{promise.description}</p>
        <p className="field__hint">
          {t('school.positions', { count: promise.positions })} ·{' '}
          {t('school.starts', { date: formatDate(promise.startDate, locale) })}
        </p>
      </section>
      {promise.status === 'OPEN' ? (
        <section className="card" aria-labelledby="graduates-title">
          <h2 id="graduates-title">{t('school.graduatesTitle')}</h2>
          {matches.error ? (
            <ErrorState error={matches.error} />
          ) : !matches.data ? (
            <LoadingState />
          ) : matches.data.matchingGraduates.length === 0 ? (
            <p>{t('school.graduatesEmpty')}</p>
          ) : (
            <ul className="cards" aria-label={t('school.graduatesTitle')}>
              {matches.data.matchingGraduates.map((m) => (
                <li key={m.student.id} className="card card--flat" data-testid="graduate-match">
                  <h3 className="card__title">
                    {studentName(m.student.displayName, locale)}{' '}
                    <span className="score">{formatPercent(m.score, locale)}</span>
                  </h3>
                  <ul className="reasons">
                    {m.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  {appliedBy.has(m.student.id) ? (
                    <p className="tag" data-testid="already-applied">
                      {t('followUp.alreadyApplied', {
                        status: labelOf(APPLICATION_STATUS_LABELS, appliedBy.get(m.student.id)!.status, locale),
                      })}
                    </p>
                  ) : null}
                  {selected === m.student.id ? (
                    // The form and its success message stay on the card where the action was started.
                    <RecommendForm
                      key={m.student.id}
                      jobPromiseId={promise.id}
                      studentId={m.student.id}
                      subject={studentName(m.student.displayName, locale)}
                      onDone={() => reexecute({ requestPolicy: 'network-only' })}
                    />
                  ) : blockerOf(m.student) ? (
                    <p className="field__hint" data-testid="recommend-blocked">
                      {renderMessage(blockerOf(m.student)!, {}, locale)}
                    </p>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--compact"
                      onClick={() => setSelected(m.student.id)}
                    >
                      {t('school.recommendThis', { name: studentName(m.student.displayName, locale) })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="apps-title">
        <h2 id="apps-title">{t('school.myStudentsApplications')}</h2>
        {!promise.applications || promise.applications.length === 0 ? (
          <p>{t('school.applicationsEmpty')}</p>
        ) : (
          <ul className="list">
            {promise.applications.map((a) => (
              <li key={a.id}>
                <Link to={`/ecole/eleves/${a.student.id}`}>{studentName(a.student.displayName, locale)}</Link> —{' '}
                <span className="tag">{labelOf(APPLICATION_STATUS_LABELS, a.status, locale)}</span>{' '}
                <span className="field__hint">{formatDate(a.updatedAt, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
