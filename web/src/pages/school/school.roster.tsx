import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import {
  DIPLOMA_LEVEL_LABELS,
  isOneOf,
  labelOf,
  STUDENT_SITUATION_LABELS,
  STUDENT_SITUATIONS,
  TRADE_LABELS,
  TRADES,
  type StudentSituation,
} from '@promesse/shared';
import { formatDate } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { studentName } from '../../components/format';

export const SchoolRosterDocument = graphql(`
  query SchoolRoster($id: ID!) {
    school(id: $id) {
      id
      students {
        id
        displayName
        email
        trade
        diplomaLevel
        graduationDate
        situation
      }
    }
  }
`);

/**
 * The school's students with their situation (shared studentSituation, computed by the API) and filters kept in
 * the URL (?situation=OFFER_RECEIVED&trade=WELDING), so Back and a shared link keep them.
 */
export function SchoolRoster({ schoolId, refreshKey }: { schoolId: string; refreshKey: number }) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [students, refetch] = useQuery({
    query: SchoolRosterDocument,
    variables: { id: schoolId },
  });
  // refreshKey changes after an import: ask the network again (the new students are not in the cache).
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  const situationParam = params.get('situation');
  const tradeParam = params.get('trade');
  const situation: StudentSituation | null = isOneOf(STUDENT_SITUATIONS, situationParam) ? situationParam : null;
  const trade = isOneOf(TRADES, tradeParam) ? tradeParam : null;
  const setFilter = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (students.error) {
    return <ErrorState error={students.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  const list = students.data?.school?.students ?? null;
  if (list === null) return <LoadingState />;
  if (list.length === 0) {
    return (
      <EmptyState title={t('school.rosterEmptyTitle')}>
        <p>{t('school.rosterEmpty')}</p>
      </EmptyState>
    );
  }
  const shown = list.filter((s) => (!situation || s.situation === situation) && (!trade || s.trade === trade));
  const counts = new Map<StudentSituation, number>();
  for (const s of list) counts.set(s.situation, (counts.get(s.situation) ?? 0) + 1);

  return (
    <>
      <div className="filters" role="group" aria-label={t('roster.filters')}>
        <SelectField
          label={t('roster.situation')}
          value={situation ?? ''}
          onChange={(e) => setFilter('situation', e.target.value)}
          placeholder={t('roster.allSituations')}
          options={STUDENT_SITUATIONS.map((s) => ({
            value: s,
            label: `${labelOf(STUDENT_SITUATION_LABELS, s, locale)} (${counts.get(s) ?? 0})`,
          }))}
        />
        <SelectField
          label={t('school.colTrade')}
          value={trade ?? ''}
          onChange={(e) => setFilter('trade', e.target.value)}
          placeholder={t('roster.allTrades')}
          options={TRADES.map((tr) => ({ value: tr, label: labelOf(TRADE_LABELS, tr, locale) }))}
        />
      </div>
      <p role="status" aria-live="polite" data-testid="roster-count">
        {t('roster.count', { count: shown.length, total: list.length })}
      </p>
      {shown.length === 0 ? (
        <p>{t('roster.noneMatch')}</p>
      ) : (
        <TableWrap label={t('school.rosterTitle')}>
          <table className="table" data-testid="roster">
            <caption className="visually-hidden">{t('school.rosterTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('school.colName')}</th>
                <th scope="col">{t('roster.situation')}</th>
                <th scope="col">{t('school.colTrade')}</th>
                <th scope="col">{t('school.colDiploma')}</th>
                <th scope="col">{t('school.colGraduation')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/ecole/eleves/${s.id}`}>{studentName(s.displayName, locale)}</Link>
                  </th>
                  <td>
                    <span className="status-badge" data-status={s.situation}>
                      {labelOf(STUDENT_SITUATION_LABELS, s.situation, locale)}
                    </span>
                  </td>
                  <td>{s.trade ? labelOf(TRADE_LABELS, s.trade, locale) : '—'}</td>
                  <td>{s.diplomaLevel ? labelOf(DIPLOMA_LEVEL_LABELS, s.diplomaLevel, locale) : '—'}</td>
                  <td>{formatDate(s.graduationDate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
