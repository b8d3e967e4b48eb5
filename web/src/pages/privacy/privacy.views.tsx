import { useId } from 'react';
import { useQuery } from 'urql';
import { formatDate } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { useI18n } from '../../lib/i18n/i18n';
import { ProfileViewsDocument } from './privacy.documents';

/**
 * "Qui a consulté mon profil": the companies' users who saw the student's contact details or CV (access log, kept one
 * year). The student's own (no studentId) or, for their school's staff, a student's.
 */
export function ProfileViewsSection({ studentId }: { studentId?: string }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const [result, reexecute] = useQuery({
    query: ProfileViewsDocument,
    variables: { studentId: studentId ?? null },
    requestPolicy: 'cache-and-network',
  });
  const views = result.data?.profileViews;
  return (
    <section className="card" aria-labelledby={titleId} data-testid="profile-views">
      <h2 id={titleId}>{t(studentId ? 'privacy.views.titleStaff' : 'privacy.views.title')}</h2>
      <p>{t('privacy.views.lead')}</p>
      {result.error && !views ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !views ? (
        <LoadingState />
      ) : views.length === 0 ? (
        <p>{t('privacy.views.none')}</p>
      ) : (
        <TableWrap label={t('privacy.views.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('privacy.views.date')}</th>
                <th scope="col">{t('privacy.views.who')}</th>
                <th scope="col">{t('privacy.views.what')}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <tr key={v.id}>
                  <td>{formatDate(v.lastViewedAt, locale)}</td>
                  <td>
                    {v.viewerName ?? t('privacy.views.formerUser')}
                    {v.companyName ? ` (${v.companyName})` : ''}
                  </td>
                  <td>{t(`privacy.views.kind.${v.kind}`, { count: v.count })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
