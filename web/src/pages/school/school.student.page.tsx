import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { APPLICATION_STATUS_LABELS, CONTRACT_TYPE_LABELS, labelOf } from '@promesse/shared';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { StudentProfileForm } from '../student/student.profile-form';
import { useMySchool } from './school.context';
import { SchoolNav } from './school.nav';
import { RecommendForm } from './school.recommend';

const SchoolStudentDocument = graphql(`
  query SchoolStudent($id: ID!) {
    student(id: $id) {
      ...StudentProfileFields
      displayName
      email
      applications {
        id
        status
        jobPromise {
          id
          title
        }
        company {
          id
          name
        }
        conversation {
          unreadCount
        }
      }
    }
  }
`);

const OpenPromisesForSchoolDocument = graphql(`
  query OpenPromisesForSchool($schoolId: ID!) {
    jobPromises(filter: { schoolId: $schoolId, status: OPEN }, first: 50) {
      edges {
        node {
          id
          title
          trade
          contractType
          city
          company {
            id
            name
          }
        }
      }
    }
  }
`);

export function SchoolStudentPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const my = useMySchool();
  const [result, reexecute] = useQuery({ query: SchoolStudentDocument, variables: { id } });
  const [promises] = useQuery({
    query: OpenPromisesForSchoolDocument,
    variables: { schoolId: my.school?.id ?? '' },
    pause: !my.school,
  });
  const [promiseId, setPromiseId] = useState('');
  const student = result.data?.student ?? null;
  useDocumentTitle(student ? student.displayName : t('school.studentTitle'));

  if (result.error)
    return <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!result.data) return <LoadingState />;
  if (!student) {
    return (
      <EmptyState title={t('school.studentMissing')}>
        <Link to="/ecole">{t('school.backToRoster')}</Link>
      </EmptyState>
    );
  }

  const open = promises.data?.jobPromises.edges.map((e) => e.node) ?? [];
  const chosen = open.find((p) => p.id === promiseId);

  return (
    <div className="page">
      <p className="page__eyebrow">{t('school.studentTitle')}</p>
      <h1>{student.displayName}</h1>
      <SchoolNav />
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('school.profileTitle')}</h2>
        {student.email ? <p className="field__hint">{student.email}</p> : null}
        <StudentProfileForm
          key={student.id}
          profile={student}
          studentId={student.id}
          className="form form--grid"
          submitLabel={t('school.profileSave')}
        />
      </section>
      <section className="card" aria-labelledby="student-applications-title">
        <h2 id="student-applications-title">{t('school.studentApplications')}</h2>
        <p>{t('school.studentApplicationsLead')}</p>
        {student.applications?.length ? (
          <ul className="card-list" data-testid="student-applications">
            {student.applications.map((a) => (
              <li key={a.id}>
                {a.jobPromise.title} ({a.company.name}) · {labelOf(APPLICATION_STATUS_LABELS, a.status, locale)} ·{' '}
                <Link to={`/ecole/candidatures/${a.id}`}>
                  {a.conversation?.unreadCount
                    ? t('school.readConversationUnread', {
                        count: a.conversation.unreadCount,
                        title: a.jobPromise.title,
                      })
                    : t('school.readConversation', { title: a.jobPromise.title })}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('school.studentNoApplications')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="recommend-title">
        <h2 id="recommend-title">{t('school.recommendTitle')}</h2>
        {promises.error ? (
          <ErrorState error={promises.error} />
        ) : !promises.data ? (
          <LoadingState />
        ) : open.length === 0 ? (
          <p>{t('school.noOpenPromises')}</p>
        ) : (
          <>
            <SelectField
              label={t('school.pickPromise')}
              value={promiseId}
              onChange={(e) => setPromiseId(e.target.value)}
              placeholder={t('school.pickPromisePlaceholder')}
              options={open.map((p) => ({
                value: p.id,
                label: `${p.title} — ${p.company.name}, ${p.city} (${labelOf(CONTRACT_TYPE_LABELS, p.contractType, locale)})`,
              }))}
            />
            <RecommendForm
              key={promiseId}
              jobPromiseId={promiseId || null}
              studentId={student.id}
              subject={chosen?.title ?? student.displayName}
            />
          </>
        )}
      </section>
    </div>
  );
}
