import { useState } from 'react';
import { useMutation } from 'urql';
import { inviteUserSchema } from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { InvitationLink } from '../../components/invitation-link';
import { formatDate } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/states';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from './school.context';
import { StudentImport } from './school.import';
import { PendingInvitations } from '../../components/pending-invitations';
import { SchoolNav } from './school.nav';
import { SchoolRoster } from './school.roster';

const InviteUserDocument = graphql(`
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
  const [, invite] = useMutation(InviteUserDocument);
  const [done, setDone] = useState<{ code: string; email: string; expiresAt: string } | null>(null);
  const form = useValidatedForm(inviteUserSchema, async (input, formEl) => {
    const res = await invite({ input: { email: input.email, role, schoolId: input.schoolId ?? null } });
    if (!res.data) return res;
    setDone(res.data.inviteUser);
    formEl.reset();
  });

  return (
    <form
      className="form"
      {...form.props((data) => ({ email: data.get('email'), role, schoolId }))}
      data-testid={`${idPrefix}-invite`}
    >
      <FormField
        label={t('school.inviteEmail')}
        name="email"
        type="email"
        autoComplete="off"
        required
        error={form.errors['email']}
      />
      <FormMessage form={form} />
      <SubmitButton form={form} label={role === 'STUDENT' ? t('school.inviteSubmit') : t('admin.inviteSubmit')} />
      <div role="status" aria-live="polite">
        {done ? (
          <div className="alert alert--success" data-testid="invitation-result">
            <p>{t('school.inviteDone', { email: done.email, date: formatDate(done.expiresAt, locale) })}</p>
            <p>
              {t('school.inviteCode')} <code data-testid="invitation-code">{done.code}</code>
            </p>
            <InvitationLink code={done.code} email={done.email} />
          </div>
        ) : null}
      </div>
    </form>
  );
}

export function SchoolHomePage() {
  const { t } = useI18n();
  useDocumentTitle(t('school.title'));
  const my = useMySchool();
  const [refreshKey, setRefreshKey] = useState(0);

  if (my.error) return <ErrorState error={my.error} onRetry={() => my.reexecute()} />;
  if (!my.school) return <LoadingState />;

  return (
    <div className="page">
      <p className="page__eyebrow">{t('school.title')}</p>
      <h1>{my.school.name}</h1>
      <SchoolNav />
      <section className="card" aria-labelledby="roster-title">
        <h2 id="roster-title">{t('school.rosterTitle')}</h2>
        <SchoolRoster schoolId={my.school.id} refreshKey={refreshKey} />
      </section>
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('school.inviteTitle')}</h2>
        <p className="field__hint">{t('school.inviteIntro')}</p>
        <InviteForm role="STUDENT" idPrefix="student" />
      </section>
      <section className="card" aria-labelledby="pending-invitations-title">
        <h2 id="pending-invitations-title">{t('invitations.title')}</h2>
        <p className="field__hint">{t('invitations.intro')}</p>
        <PendingInvitations />
      </section>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t('school.import.title')}</h2>
        <p className="field__hint">{t('school.import.intro')}</p>
        <StudentImport onImported={() => setRefreshKey((k) => k + 1)} />
      </section>
    </div>
  );
}
