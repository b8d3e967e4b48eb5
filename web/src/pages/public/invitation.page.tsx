import { Navigate, useNavigate, useParams } from 'react-router';
import { useMutation } from 'urql';
import { acceptInvitationSchema } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { HOME_PATH } from '../../lib/auth/auth.routes';
import { authStore } from '../../lib/auth/auth.store';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { AcceptInvitationDocument } from './public.documents';
import { HaveAccountLink, NewPasswordField } from './public.fields';

/** `/invitation/:code`: the code comes from the e-mailed link; without it, the visitor types it. */
export function InvitationPage() {
  const { t } = useI18n();
  useDocumentTitle(t('public.invitation.title'));
  const { code } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [, accept] = useMutation(AcceptInvitationDocument);
  const form = useValidatedForm(acceptInvitationSchema, async (input) => {
    const result = await accept({ input });
    const payload = result.data?.acceptInvitation;
    if (!payload) return result;
    authStore.signIn(payload.token, payload.user);
    void navigate(HOME_PATH[payload.user.role], { replace: true });
  });

  if (session.status === 'ready') return <Navigate to={HOME_PATH[session.me.role]} replace />;

  const read = (data: FormData) => ({
    code: code ?? data.get('code'),
    firstName: data.get('firstName'),
    lastName: data.get('lastName'),
    password: data.get('password'),
  });

  return (
    <div className="page page--narrow auth">
      <h1>{t('public.invitation.title')}</h1>
      <p className="page__lead">{t('public.invitation.intro')}</p>
      <FormMessage form={form} testId="invitation-error" />
      <form className="form card" {...form.props(read)}>
        {code ? null : (
          <FormField
            label={t('public.invitation.code')}
            hint={t('public.invitation.codeHint')}
            name="code"
            autoComplete="one-time-code"
            spellCheck={false}
            required
            error={form.errors['code']}
          />
        )}
        {code && form.errors['code'] ? <p className="field__error">{form.errors['code']}</p> : null}
        <FormField
          label={t('public.invitation.firstName')}
          name="firstName"
          autoComplete="given-name"
          required
          error={form.errors['firstName']}
        />
        <FormField
          label={t('public.invitation.lastName')}
          name="lastName"
          autoComplete="family-name"
          required
          error={form.errors['lastName']}
        />
        <NewPasswordField label={t('public.invitation.password')} error={form.errors['password']} />
        <SubmitButton
          form={form}
          label={t('public.invitation.submit')}
          busyLabel={t('public.invitation.submitting')}
          className="button--block"
        />
      </form>
      <HaveAccountLink />
    </div>
  );
}
