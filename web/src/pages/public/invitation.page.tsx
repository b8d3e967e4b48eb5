import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useMutation } from 'urql';
import { acceptInvitationSchema } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { focusFirstInvalid, mutationErrors, zodFieldErrors } from '../../components/form-errors';
import { HOME_PATH, LOGIN_PATH } from '../../lib/auth/auth.routes';
import { authStore } from '../../lib/auth/auth.store';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { AcceptInvitationDocument } from './public.documents';

/** `/invitation/:code`: the code comes from the e-mailed link; without it, the visitor types it. */
export function InvitationPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('public.invitation.title'));
  const { code } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [{ fetching }, accept] = useMutation(AcceptInvitationDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  if (session.status === 'ready') return <Navigate to={HOME_PATH[session.me.role]} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = acceptInvitationSchema.safeParse({
      code: code ?? form.get('code'),
      firstName: form.get('firstName'),
      lastName: form.get('lastName'),
      password: form.get('password'),
    });
    if (!parsed.success) {
      setFormError(null);
      setErrors(zodFieldErrors(parsed.error));
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors({});
    setFormError(null);
    const result = await accept({ input: parsed.data });
    const payload = result.data?.acceptInvitation;
    if (payload) {
      authStore.signIn(payload.token, payload.user);
      void navigate(HOME_PATH[payload.user.role], { replace: true });
      return;
    }
    const mapped = mutationErrors(result.error, locale);
    setErrors(mapped.fields);
    setFormError(mapped.form);
    requestAnimationFrame(() => alertRef.current?.focus());
  };

  return (
    <div className="page page--narrow auth">
      <h1>{t('public.invitation.title')}</h1>
      <p className="page__lead">{t('public.invitation.intro')}</p>
      {formError ? (
        <div ref={alertRef} className="alert alert--error" role="alert" tabIndex={-1} data-testid="invitation-error">
          {formError}
        </div>
      ) : null}
      <form ref={formRef} className="form card" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={fetching}>
        {code ? null : (
          <FormField
            label={t('public.invitation.code')}
            hint={t('public.invitation.codeHint')}
            name="code"
            autoComplete="one-time-code"
            spellCheck={false}
            required
            error={errors['code']}
          />
        )}
        {code && errors['code'] ? <p className="field__error">{errors['code']}</p> : null}
        <FormField
          label={t('public.invitation.firstName')}
          name="firstName"
          autoComplete="given-name"
          required
          error={errors['firstName']}
        />
        <FormField
          label={t('public.invitation.lastName')}
          name="lastName"
          autoComplete="family-name"
          required
          error={errors['lastName']}
        />
        <FormField
          label={t('public.invitation.password')}
          hint={t('public.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors['password']}
        />
        <button type="submit" className="button button--primary button--block" disabled={fetching}>
          {fetching ? t('public.invitation.submitting') : t('public.invitation.submit')}
        </button>
      </form>
      <p className="auth__alt">
        {t('public.haveAccount')} <Link to={LOGIN_PATH}>{t('public.logIn')}</Link>
      </p>
    </div>
  );
}
