import { Link } from 'react-router';
import { FormField } from '../../components/form-field';
import { LOGIN_PATH } from '../../lib/auth/auth.routes';
import { useI18n } from '../../lib/i18n/i18n';

/**
 * The address of an existing account, as the log-in page asks for it; the password-forgotten page asks the same
 * (same label, hint and `username` autocomplete, so the browser offers the saved log-in).
 */
export function AccountEmailField({ error }: { error: string | undefined }) {
  const { t } = useI18n();
  return (
    <FormField
      label={t('login.email')}
      hint={t('login.emailHint')}
      name="email"
      type="email"
      autoComplete="username"
      inputMode="email"
      spellCheck={false}
      required
      error={error}
    />
  );
}

/** The password of a new account, with the shared schema's rule as its hint. */
export function NewPasswordField({ label, error }: { label: string; error: string | undefined }) {
  const { t } = useI18n();
  return (
    <FormField
      label={label}
      hint={t('public.passwordHint')}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      error={error}
    />
  );
}

/** Under the forms that create an account: the way back to log-in. */
export function HaveAccountLink() {
  const { t } = useI18n();
  return (
    <p className="auth__alt">
      {t('public.haveAccount')} <Link to={LOGIN_PATH}>{t('public.logIn')}</Link>
    </p>
  );
}
