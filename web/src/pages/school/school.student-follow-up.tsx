import { Link } from 'react-router';
import {
  APPLICATION_SOURCE_LABELS,
  APPLICATION_STATUS_LABELS,
  labelOf,
  RECOMMENDATION_STATUS_LABELS,
  type ApplicationSource,
  type ApplicationStatus,
  type RecommendationStatus,
} from '@promesse/shared';
import { formatDate } from '../../components/format';
import { TableWrap } from '../../components/table-wrap';
import { useI18n } from '../../lib/i18n/i18n';

interface PromiseRef {
  id: string;
  title: string;
  company: { name: string };
}
export interface FollowUpApplication {
  id: string;
  status: ApplicationStatus;
  source: ApplicationSource;
  updatedAt: string;
  jobPromise: PromiseRef;
  history: { to: ApplicationStatus; at: string }[];
  /** The application's conversation, read-only for staff (null when the viewer may not read it). */
  conversation?: { unreadCount: number } | null;
}
export interface FollowUpRecommendation {
  id: string;
  status: RecommendationStatus;
  createdAt: string;
  respondedAt?: string | null;
  jobPromise: PromiseRef;
}

interface HistoryEvent {
  at: string;
  key: string;
  text: string;
}

/** The staff's view of a student's applications, recommendations and history (newest first). */
export function StudentFollowUp({
  applications,
  recommendations,
}: {
  applications: readonly FollowUpApplication[];
  recommendations: readonly FollowUpRecommendation[];
}) {
  const { t, locale } = useI18n();
  const events: HistoryEvent[] = [
    ...applications.flatMap((a) =>
      a.history.map((h, i) => ({
        at: h.at,
        key: `${a.id}:${i}`,
        text: t('followUp.applicationEvent', {
          title: a.jobPromise.title,
          status: labelOf(APPLICATION_STATUS_LABELS, h.to, locale),
        }),
      })),
    ),
    ...recommendations.flatMap((r) => [
      { at: r.createdAt, key: `${r.id}:c`, text: t('followUp.recommendedEvent', { title: r.jobPromise.title }) },
      ...(r.respondedAt && r.status !== 'PENDING'
        ? [
            {
              at: r.respondedAt,
              key: `${r.id}:r`,
              text: t('followUp.answeredEvent', {
                title: r.jobPromise.title,
                status: labelOf(RECOMMENDATION_STATUS_LABELS, r.status, locale),
              }),
            },
          ]
        : []),
    ]),
  ].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));

  return (
    <>
      <section className="card" aria-labelledby="follow-apps-title" data-testid="student-applications">
        <h2 id="follow-apps-title">{t('followUp.applicationsTitle', { count: applications.length })}</h2>
        {applications.length === 0 ? (
          <p>{t('followUp.noApplications')}</p>
        ) : (
          <TableWrap label={t('followUp.applicationsTable')}>
            <table className="table">
              <caption className="visually-hidden">{t('followUp.applicationsTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('school.colPromise')}</th>
                  <th scope="col">{t('followUp.colCompany')}</th>
                  <th scope="col">{t('school.colStatus')}</th>
                  <th scope="col">{t('followUp.colSource')}</th>
                  <th scope="col">{t('school.colUpdated')}</th>
                  <th scope="col">{t('school.colConversation')}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/ecole/promesses/${a.jobPromise.id}`}>{a.jobPromise.title}</Link>
                    </th>
                    <td>{a.jobPromise.company.name}</td>
                    <td>
                      <span className="status-badge" data-status={a.status}>
                        {labelOf(APPLICATION_STATUS_LABELS, a.status, locale)}
                      </span>
                    </td>
                    <td>{labelOf(APPLICATION_SOURCE_LABELS, a.source, locale)}</td>
                    <td>{formatDate(a.updatedAt, locale)}</td>
                    <td>
                      <Link to={`/ecole/candidatures/${a.id}`}>
                        {a.conversation?.unreadCount
                          ? t('school.readConversationUnread', {
                              count: a.conversation.unreadCount,
                              title: a.jobPromise.title,
                            })
                          : t('school.readConversation', { title: a.jobPromise.title })}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="card" aria-labelledby="follow-recs-title" data-testid="student-recommendations">
        <h2 id="follow-recs-title">{t('followUp.recommendationsTitle', { count: recommendations.length })}</h2>
        {recommendations.length === 0 ? (
          <p>{t('followUp.noRecommendations')}</p>
        ) : (
          <ul className="list">
            {recommendations.map((r) => (
              <li key={r.id}>
                <Link to={`/ecole/promesses/${r.jobPromise.id}`}>{r.jobPromise.title}</Link> (
                {r.jobPromise.company.name}) —{' '}
                <span className="tag">{labelOf(RECOMMENDATION_STATUS_LABELS, r.status, locale)}</span>{' '}
                <span className="field__hint">{formatDate(r.createdAt, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="follow-history-title" data-testid="student-history">
        <h2 id="follow-history-title">{t('followUp.historyTitle')}</h2>
        {events.length === 0 ? (
          <p>{t('followUp.noHistory')}</p>
        ) : (
          <ol className="list">
            {events.map((e) => (
              <li key={e.key}>
                <span className="field__hint">{formatDate(e.at, locale)}</span> — {e.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
