import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { labelOf, TRADE_LABELS } from '@promesse/shared';
import { ActionError } from '../../components/action-error';
import { errorText } from '../../components/form-errors';
import { formatDate, formatPercent } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from './school.context';
import { SchoolNav } from './school.nav';
import { studentName } from '../../components/format';

const CohortDocument = graphql(`
  query MatchingCohort($id: ID!) {
    school(id: $id) {
      id
      students {
        id
        displayName
        trade
        graduationDate
      }
    }
  }
`);

const RoundFields = graphql(`
  fragment RoundFields on MatchingRound {
    id
    status
    pairs {
      score
      reasons
      student {
        id
        displayName
      }
      jobPromise {
        id
        title
        company {
          id
          name
        }
      }
    }
    unmatchedStudents {
      id
      displayName
    }
    skipped {
      reason
      student {
        id
        displayName
      }
      jobPromise {
        id
        title
      }
    }
    recommendations {
      id
    }
  }
`);
void RoundFields;

const ProposeRoundDocument = graphql(`
  mutation ProposeMatchingRound($studentIds: [ID!]!) {
    proposeMatchingRound(studentIds: $studentIds) {
      ...RoundFields
    }
  }
`);

const ConfirmRoundDocument = graphql(`
  mutation ConfirmMatchingRound($roundId: ID!) {
    confirmMatchingRound(roundId: $roundId) {
      ...RoundFields
    }
  }
`);

export function SchoolMatchingPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('school.matchingTitle'));
  const my = useMySchool();
  const [cohort] = useQuery({ query: CohortDocument, variables: { id: my.school?.id ?? '' }, pause: !my.school });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [proposal, propose] = useMutation(ProposeRoundDocument);
  const [confirmation, confirm] = useMutation(ConfirmRoundDocument);
  const [error, setError] = useState<string | null>(null);
  const round = confirmation.data?.confirmMatchingRound ?? proposal.data?.proposeMatchingRound ?? null;
  const students = cohort.data?.school?.students ?? null;

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const onPropose = async () => {
    if (selected.size === 0) {
      setError(t('school.matchingPickOne'));
      return;
    }
    const r = await propose({ studentIds: [...selected] });
    setError(r.error ? errorText(r.error, locale) : null);
  };
  const onConfirm = async () => {
    if (!round) return;
    const r = await confirm({ roundId: round.id });
    setError(r.error ? errorText(r.error, locale) : null);
  };

  return (
    <div className="page">
      <h1>{t('school.matchingTitle')}</h1>
      <SchoolNav />
      <p className="page__lead">{t('school.matchingIntro')}</p>
      <ActionError text={error} />
      <section className="card" aria-labelledby="cohort-title">
        <h2 id="cohort-title">{t('school.cohortTitle')}</h2>
        {cohort.error ? (
          <ErrorState error={cohort.error} />
        ) : students === null ? (
          <LoadingState />
        ) : students.length === 0 ? (
          <p>{t('school.rosterEmpty')}</p>
        ) : (
          <fieldset className="checks">
            <legend>{t('school.cohortLegend')}</legend>
            {students.map((s) => (
              <label key={s.id} className="check">
                <input type="checkbox" checked={selected.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                {studentName(s.displayName, locale)}
                {s.trade ? ` · ${labelOf(TRADE_LABELS, s.trade, locale)}` : ''}
                {s.graduationDate ? ` · ${formatDate(s.graduationDate, locale)}` : ''}
              </label>
            ))}
          </fieldset>
        )}
        <button
          type="button"
          className="button button--primary"
          disabled={proposal.fetching}
          onClick={() => void onPropose()}
        >
          {proposal.fetching ? t('state.loading') : t('school.matchingPropose')}
        </button>
      </section>
      {round ? (
        <section className="card" aria-labelledby="round-title" aria-live="polite">
          <h2 id="round-title">
            {round.status === 'CONFIRMED' ? t('school.roundConfirmed') : t('school.roundProposed')}
          </h2>
          {round.pairs.length === 0 ? (
            <EmptyState title={t('school.roundEmpty')} />
          ) : (
            <ul className="cards">
              {round.pairs.map((p) => (
                <li key={`${p.student.id}-${p.jobPromise.id}`} className="card card--flat" data-testid="round-pair">
                  <h3 className="card__title">
                    {studentName(p.student.displayName, locale)} → {p.jobPromise.title} ({p.jobPromise.company.name}){' '}
                    <span className="score">{formatPercent(p.score, locale)}</span>
                  </h3>
                  <ul className="reasons">
                    {p.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {round.unmatchedStudents.length > 0 ? (
            <p>
              {t('school.roundUnmatched')}{' '}
              {round.unmatchedStudents.map((s) => studentName(s.displayName, locale)).join(', ')}
            </p>
          ) : null}
          {round.skipped.length > 0 ? (
            <ul className="list">
              {round.skipped.map((s) => (
                <li key={`${s.student.id}-${s.jobPromise.id}`}>
                  {studentName(s.student.displayName, locale)} → {s.jobPromise.title} : {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {round.status === 'PROPOSED' && round.pairs.length > 0 ? (
            <button
              type="button"
              className="button button--primary"
              disabled={confirmation.fetching}
              onClick={() => void onConfirm()}
            >
              {t('school.matchingConfirm', { count: round.pairs.length })}
            </button>
          ) : null}
          {round.status === 'CONFIRMED' ? (
            <p className="alert alert--success" role="status">
              {t('school.roundDone', { count: round.recommendations.length })}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
