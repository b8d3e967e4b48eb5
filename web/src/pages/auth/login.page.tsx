import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { logInSchema, renderMessage } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { LogInDocument } from '../../lib/auth/auth.documents';
import { HOME_PATH, safeReturnPath } from '../../lib/auth/auth.routes';
import { authStore } from '../../lib/auth/auth.store';
import { errorCodeOf } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { AccountEmailField } from '../public/public.fields';

export function LoginPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('login.title'));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour'));
  // Sent here by the password reset page once the new password is set.
  const passwordChanged = (useLocation().state as { passwordChanged?: boolean } | null)?.passwordChanged === true;
  const [, logIn] = useMutation(LogInDocument);
  const form = useValidatedForm(logInSchema, async (values) => {
    const result = await logIn(values);
    const payload = result.data?.logIn;
    if (payload) {
      authStore.signIn(payload.token, payload.user);
      void navigate(returnTo ?? HOME_PATH[payload.user.role], { replace: true });
      return;
    }
    // Never say which of the two was wrong.
    const wrong = errorCodeOf(result.error) === 'UNAUTHENTICATED';
    return { error: result.error, alert: wrong ? t('login.invalidCredentials') : undefined };
  });

  if (session.status === 'ready') return <Navigate to={returnTo ?? HOME_PATH[session.me.role]} replace />;

  return (
    <div className="page page--narrow auth">
      <h1>{t('login.title')}</h1>
      <p className="page__lead">{t('login.intro')}</p>
      {session.status === 'anonymous' && session.endedBy === 'expired' ? (
        <p className="form-message" role="status" data-testid="session-expired">
          {renderMessage('auth.sessionExpired', {}, locale)}
        </p>
      ) : null}
      {passwordChanged ? (
        <p className="form-message" role="status" data-testid="password-changed">
          {t('account.reset.done')}
        </p>
      ) : null}
      <FormMessage form={form} testId="login-error" />
      <form
        className="form card"
        {...form.props((data) => ({ email: data.get('email'), password: data.get('password') }))}
      >
        <AccountEmailField error={form.errors['email']} />
        <FormField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.errors['password']}
        />
        <SubmitButton
          form={form}
          label={t('login.submit')}
          busyLabel={t('login.submitting')}
          className="button--block"
        />
      </form>
      <ul className="auth__links">
        <li>
          <Link to="/mot-de-passe/oublie">{t('account.forgottenLink')}</Link>
        </li>
        <li>
          <Link to="/inscription-entreprise">{t('public.signupLink')}</Link>
        </li>
        <li>
          <Link to="/invitation">{t('public.invitationLink')}</Link>
        </li>
        <li>
          <Link to="/confidentialite">{t('privacy.link')}</Link>
        </li>
      </ul>
    </div>
  );
}
