import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  isHiredSituation,
  labelOf,
  recommendationBlocker,
  renderMessage,
  STUDENT_SITUATION_LABELS,
} from '@promesse/shared';
import { studentName } from '../../components/format';
import { StudentPersonalDataSection } from '../../components/personal-data';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { ProfileViewsSection } from '../privacy/privacy.views';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { StudentProfileForm } from '../student/student.profile-form';
import { useMySchool } from './school.context';
import { SchoolNav } from './school.nav';
import { RecommendForm } from './school.recommend';
import { StudentFollowUp } from './school.student-follow-up';

const SchoolStudentDocument = graphql(`
  query SchoolStudent($id: ID!) {
    student(id: $id) {
      ...StudentProfileFields
      displayName
      erased
      email
      situation
      applications {
        id
        status
        source
        updatedAt
        jobPromise {
          id
          title
          company {
            id
            name
          }
        }
        conversation {
          unreadCount
        }
        history {
          to
          at
        }
      }
      recommendations {
        id
        status
        createdAt
        respondedAt
        jobPromise {
          id
          title
          company {
            id
            name
          }
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
  useDocumentTitle(student ? studentName(student.displayName, locale) : t('school.studentTitle'));

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

  if (student.erased) {
    // An erased student (issue 18): an anonymous record kept for the figures, nothing to edit or recommend.
    return (
      <div className="page">
        <p className="page__eyebrow">{t('school.studentTitle')}</p>
        <h1>{studentName(student.displayName, locale)}</h1>
        <SchoolNav />
        <p className="alert" data-testid="student-erased">
          {t('privacy.erasedNotice')}
        </p>
      </div>
    );
  }

  const open = promises.data?.jobPromises.edges.map((e) => e.node) ?? [];
  // The same rule as the API (shared recommendationBlocker): blocked promises stay listed, disabled with the reason.
  const blockerOf = (jobPromiseId: string) =>
    recommendationBlocker({
      situation: student.situation,
      recommendationsForPromise: student.recommendations.filter((r) => r.jobPromise.id === jobPromiseId),
      appliedToPromise: student.applications.some((a) => a.jobPromise.id === jobPromiseId),
    });
  const hired = isHiredSituation(student.situation);
  const chosen = open.find((p) => p.id === promiseId && !blockerOf(p.id));

  return (
    <div className="page">
      <p className="page__eyebrow">{t('school.studentTitle')}</p>
      <h1>{studentName(student.displayName, locale)}</h1>
      <p>
        <span className="status-badge" data-status={student.situation} data-testid="student-situation">
          {t('followUp.situation', { situation: labelOf(STUDENT_SITUATION_LABELS, student.situation, locale) })}
        </span>
      </p>
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
      <ProfileViewsSection studentId={student.id} />
      <section className="card" aria-labelledby="recommend-title">
        <h2 id="recommend-title">{t('school.recommendTitle')}</h2>
        {hired ? (
          <p className="alert" data-testid="recommend-blocked">
            {renderMessage('recommendation.studentHired', {}, locale)}
          </p>
        ) : promises.error ? (
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
              options={open.map((p) => {
                const blocker = blockerOf(p.id);
                const label = `${p.title} — ${p.company.name}, ${p.city} (${labelOf(CONTRACT_TYPE_LABELS, p.contractType, locale)})`;
                return {
                  value: p.id,
                  label: blocker ? `${label} — ${renderMessage(blocker, {}, locale)}` : label,
                  disabled: blocker !== null,
                };
              })}
            />
            <RecommendForm
              key={promiseId}
              jobPromiseId={chosen ? promiseId : null}
              studentId={student.id}
              subject={chosen?.title ?? studentName(student.displayName, locale)}
              onDone={() => reexecute({ requestPolicy: 'network-only' })}
            />
          </>
        )}
      </section>
      <StudentFollowUp applications={student.applications} recommendations={student.recommendations} />
      <StudentPersonalDataSection studentId={student.id} name={studentName(student.displayName, locale)} />
    </div>
  );
}
