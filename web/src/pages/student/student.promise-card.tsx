import { Link } from 'react-router';
import {
  APPLICATION_STATUS_LABELS,
  CONTRACT_TYPE_LABELS,
  labelOf,
  TRADE_LABELS,
  type ApplicationStatus,
} from '@promesse/shared';
import type { PromiseSummaryFragment } from '../../gql';
import { formatDate, formatDistance, formatPercent } from '../../components/format';
import { useI18n } from '../../lib/i18n/i18n';

interface Props {
  promise: PromiseSummaryFragment;
  match?: {
    score: number;
    reasons: readonly string[];
    /** When given, the reasons are shown split into strengths and gaps (shared matchReasonKind). */
    reasonCodes?: readonly { key: string; text: string; kind: string }[];
    distanceKm?: number | null | undefined;
  };
  applicationStatus?: ApplicationStatus | null | undefined;
  /** Whole km from the search's place (search results). */
  distanceKm?: number | null | undefined;
}

/** One promise in a list: its title links to the promise page; score and reasons when it comes from matching. */
export function PromiseCard({ promise, match, applicationStatus, distanceKm }: Props) {
  const { t, locale } = useI18n();
  return (
    <article className="card promise-card" data-testid="promise-card">
      <h3 className="promise-card__title">
        <Link to={`/eleve/promesses/${promise.id}`}>{promise.title}</Link>
      </h3>
      <p className="promise-card__meta">
        {promise.company.name} · {promise.city} · {labelOf(CONTRACT_TYPE_LABELS, promise.contractType, locale)} ·{' '}
        {labelOf(TRADE_LABELS, promise.trade, locale)}
      </p>
      <p className="promise-card__meta">
        {t('student.promise.startsOn', { date: formatDate(promise.startDate, locale) })}
        {distanceKm != null ? (
          <>
            {' · '}
            <span data-testid="promise-distance">
              {t('student.search.distanceAway', { distance: formatDistance(distanceKm, locale) })}
            </span>
          </>
        ) : null}
      </p>
      {match ? (
        <div className="match">
          <p className="match__value" data-testid="match-score">
            {t('student.home.score', { score: formatPercent(match.score, locale) })}
            {match.distanceKm != null
              ? ` · ${t('student.home.distance', { distance: formatDistance(match.distanceKm, locale) })}`
              : ''}
          </p>
          {match.reasonCodes ? (
            <MatchReasons reasons={match.reasonCodes} />
          ) : match.reasons.length ? (
            <ul className="match__reasons" aria-label={t('student.home.reasons')}>
              {match.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {applicationStatus ? (
        <p className="status-badge" data-status={applicationStatus}>
          {t('student.promise.applied', {
            status: labelOf(APPLICATION_STATUS_LABELS, applicationStatus, locale),
          })}
        </p>
      ) : null}
    </article>
  );
}

/** Strengths ("Vos atouts") then gaps ("À travailler"), each list only when it has something. */
function MatchReasons({ reasons }: { reasons: readonly { key: string; text: string; kind: string }[] }) {
  const { t } = useI18n();
  const strengths = reasons.filter((r) => r.kind !== 'gap');
  const gaps = reasons.filter((r) => r.kind === 'gap');
  return (
    <>
      {strengths.length ? (
        <ul className="match__reasons match__reasons--strengths" aria-label={t('student.home.strengths')}>
          {strengths.map((r) => (
            <li key={r.key}>{r.text}</li>
          ))}
        </ul>
      ) : null}
      {gaps.length ? (
        <ul className="match__reasons match__reasons--gaps" aria-label={t('student.home.gaps')}>
          {gaps.map((r) => (
            <li key={r.key}>{r.text}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
