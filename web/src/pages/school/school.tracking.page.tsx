import { Link } from 'react-router';
import { useQuery } from 'urql';
import { APPLICATION_STATUS_LABELS, labelOf, RECOMMENDATION_STATUS_LABELS } from '@promesse/shared';
import { formatDate } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from './school.context';
import { SchoolNav } from './school.nav';
import { studentName } from '../../components/format';

// Staff see, on each promise targeting their school, their own students' applications. 30 promises: the API’s
// query cost limit refuses 100 with their nested applications.
const SchoolApplicationsDocument = graphql(`
  query SchoolApplications($schoolId: ID!) {
    jobPromises(filter: { schoolId: $schoolId }, first: 30) {
      edges {
        node {
          id
          title
          company {
            id
            name
          }
          applications {
            id
            status
            updatedAt
            student {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

export function SchoolApplicationsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('school.applicationsTitle'));
  const my = useMySchool();
  const [result, reexecute] = useQuery({
    query: SchoolApplicationsDocument,
    variables: { schoolId: my.school?.id ?? '' },
    pause: !my.school,
  });
  const rows =
    result.data?.jobPromises.edges.flatMap(({ node }) =>
      (node.applications ?? []).map((a) => ({ ...a, promise: node })),
    ) ?? null;
  return (
    <div className="page">
      <h1>{t('school.applicationsTitle')}</h1>
      <SchoolNav />
      {my.error || result.error ? (
        <ErrorState error={my.error ?? result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : rows === null ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <EmptyState title={t('school.applicationsEmptyTitle')}>
          <p>{t('school.applicationsEmpty')}</p>
        </EmptyState>
      ) : (
        <TableWrap label={t('school.applicationsTitle')}>
          <table className="table">
            <caption className="visually-hidden">{t('school.applicationsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('school.colName')}</th>
                <th scope="col">{t('school.colPromise')}</th>
                <th scope="col">{t('school.colStatus')}</th>
                <th scope="col">{t('school.colUpdated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/ecole/eleves/${a.student.id}`}>{studentName(a.student.displayName, locale)}</Link>
                  </th>
                  <td>
                    <Link to={`/ecole/promesses/${a.promise.id}`}>{a.promise.title}</Link> ({a.promise.company.name})
                  </td>
                  <td>
                    {labelOf(APPLICATION_STATUS_LABELS, a.status, locale)} ·{' '}
                    <Link to={`/ecole/candidatures/${a.id}`}>
                      {t('school.readConversation', { title: a.promise.title })}
                    </Link>
                  </td>
                  <td>{formatDate(a.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}

const SchoolRecommendationsDocument = graphql(`
  query SchoolRecommendations {
    myRecommendations {
      id
      status
      note
      createdAt
      student {
        id
        displayName
      }
      jobPromise {
        id
        title
      }
      company {
        id
        name
      }
    }
  }
`);

export function SchoolRecommendationsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('school.recommendationsTitle'));
  const [result, reexecute] = useQuery({ query: SchoolRecommendationsDocument, requestPolicy: 'cache-and-network' });
  const list = result.data?.myRecommendations;
  return (
    <div className="page">
      <h1>{t('school.recommendationsTitle')}</h1>
      <SchoolNav />
      {result.error ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !list ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <EmptyState title={t('school.recommendationsEmptyTitle')}>
          <p>{t('school.recommendationsEmpty')}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {list.map((r) => (
            <li key={r.id} className="card">
              <h2 className="card__title">
                <Link to={`/ecole/eleves/${r.student.id}`}>{studentName(r.student.displayName, locale)}</Link> →{' '}
                <Link to={`/ecole/promesses/${r.jobPromise.id}`}>{r.jobPromise.title}</Link>
              </h2>
              <p>
                {r.company.name} ·{' '}
                <span className="tag">{labelOf(RECOMMENDATION_STATUS_LABELS, r.status, locale)}</span> ·{' '}
                {formatDate(r.createdAt, locale)}
              </p>
              <blockquote className="note">{r.note}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
