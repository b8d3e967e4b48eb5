import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { DIPLOMA_LEVEL_LABELS, inviteUserSchema, labelOf, TRADE_LABELS } from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from './school.context';
import { fieldErrorsOf, formatDate, TableWrap } from './school.forms';
import { SchoolNav } from './school.nav';

const SchoolStudentsDocument = graphql(`
  query SchoolStudents($id: ID!) {
    school(id: $id) {
      id
      students {
        id
        displayName
        email
        trade
        diplomaLevel
        graduationDate
      }
    }
  }
`);

const InviteStudentDocument = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      code
      email
      role
      expiresAt
    }
  }
`);

/** Invite form shared by staff (students) and the admin (staff of a school): shows the code to hand over. */
export function InviteForm({
  role,
  schoolId,
  idPrefix,
}: {
  role: 'STUDENT' | 'SCHOOL_STAFF';
  schoolId?: string;
  idPrefix: string;
}) {
  const { t, locale } = useI18n();
  const [state, invite] = useMutation(InviteStudentDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<{ code: string; email: string; expiresAt: string } | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const parsed = inviteUserSchema.safeParse({ email: new FormData(formEl).get('email'), role, schoolId });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    const r = await invite({ input: { email: parsed.data.email, role, schoolId: parsed.data.schoolId ?? null } });
    if (r.data) {
      setFormError(null);
      setDone(r.data.inviteUser);
      formEl.reset();
      return;
    }
    const mapped = toUserFacingError(r.error, locale);
    setErrors(mapped.fieldIssues);
    setFormError(mapped.detail ?? mapped.message);
  };

  const link = done ? `${window.location.origin}/invitation/${done.code}` : '';
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-busy={state.fetching}
      data-testid={`${idPrefix}-invite`}
    >
      <FormField
        label={t('school.inviteEmail')}
        name="email"
        type="email"
        autoComplete="off"
        required
        error={errors['email']}
      />
      {formError ? (
        <div className="alert alert--error" role="alert">
          {formError}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={state.fetching}>
        {role === 'STUDENT' ? t('school.inviteSubmit') : t('admin.inviteSubmit')}
      </button>
      <div role="status" aria-live="polite">
        {done ? (
          <div className="alert alert--success" data-testid="invitation-result">
            <p>{t('school.inviteDone', { email: done.email, date: formatDate(done.expiresAt, locale) })}</p>
            <p>
              {t('school.inviteCode')} <code data-testid="invitation-code">{done.code}</code>
            </p>
            <p>
              {t('school.inviteLink')} <code className="break">{link}</code>
            </p>
          </div>
        ) : null}
      </div>
    </form>
  );
}

export function SchoolHomePage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('school.title'));
  const my = useMySchool();
  const [students, refetch] = useQuery({
    query: SchoolStudentsDocument,
    variables: { id: my.school?.id ?? '' },
    pause: !my.school,
  });

  if (my.error) return <ErrorState error={my.error} onRetry={() => my.reexecute()} />;
  if (!my.school) return <LoadingState />;
  const list = students.data?.school?.students ?? null;

  return (
    <div className="page">
      <p className="page__eyebrow">{t('school.title')}</p>
      <h1>{my.school.name}</h1>
      <SchoolNav />
      <section className="card" aria-labelledby="roster-title">
        <h2 id="roster-title">{t('school.rosterTitle')}</h2>
        {students.error ? (
          <ErrorState error={students.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : list === null ? (
          <LoadingState />
        ) : list.length === 0 ? (
          <EmptyState title={t('school.rosterEmptyTitle')}>
            <p>{t('school.rosterEmpty')}</p>
          </EmptyState>
        ) : (
          <TableWrap label={t('school.rosterTitle')}>
            <table className="table">
              <caption className="visually-hidden">{t('school.rosterTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('school.colName')}</th>
                  <th scope="col">{t('school.colTrade')}</th>
                  <th scope="col">{t('school.colDiploma')}</th>
                  <th scope="col">{t('school.colGraduation')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/ecole/eleves/${s.id}`}>{s.displayName}</Link>
                    </th>
                    <td>{s.trade ? labelOf(TRADE_LABELS, s.trade, locale) : '—'}</td>
                    <td>{s.diplomaLevel ? labelOf(DIPLOMA_LEVEL_LABELS, s.diplomaLevel, locale) : '—'}</td>
                    <td>{formatDate(s.graduationDate, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('school.inviteTitle')}</h2>
        <p className="field__hint">{t('school.inviteIntro')}</p>
        <InviteForm role="STUDENT" idPrefix="student" />
      </section>
    </div>
  );
}
