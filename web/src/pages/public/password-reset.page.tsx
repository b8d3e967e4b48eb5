import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { resetPasswordSchema } from '@promesse/shared';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { LOGIN_PATH } from '../../lib/auth/auth.routes';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { ResetPasswordDocument } from './public.documents';
import { NewPasswordField } from './public.fields';

/** The state the log-in page reads to say the password was changed. */
export interface PasswordChangedState {
  passwordChanged: true;
}

/**
 * `/mot-de-passe/nouveau#<token>`, opened from the e-mailed link (the token is in the fragment, so it never reaches
 * a server log). Every session ended with the reset: the user then logs in with the new password.
 */
export function PasswordResetPage() {
  const { t } = useI18n();
  useDocumentTitle(t('account.reset.title'));
  const { hash } = useLocation();
  const token = hash.replace(/^#/, '');
  const navigate = useNavigate();
  const [, reset] = useMutation(ResetPasswordDocument);
  const form = useValidatedForm(resetPasswordSchema, async (input) => {
    const result = await reset(input);
    if (!result.data?.resetPassword) return result;
    const state: PasswordChangedState = { passwordChanged: true };
    void navigate(LOGIN_PATH, { replace: true, state });
  });

  return (
    <div className="page page--narrow auth">
      <h1>{t('account.reset.title')}</h1>
      {token ? (
        <>
          <p className="page__lead">{t('account.reset.intro')}</p>
          <FormMessage form={form} testId="reset-error" />
          <form className="form card" {...form.props((data) => ({ token, password: data.get('password') }))}>
            <NewPasswordField label={t('account.reset.password')} error={form.errors['password']} />
            {form.errors['token'] ? <p className="field__error">{form.errors['token']}</p> : null}
            <SubmitButton
              form={form}
              label={t('account.reset.submit')}
              busyLabel={t('account.reset.submitting')}
              className="button--block"
            />
          </form>
        </>
      ) : (
        <p className="alert alert--error" role="alert">
          {t('account.reset.noToken')}
        </p>
      )}
      <p className="auth__alt">
        <Link to="/mot-de-passe/oublie">{t('account.reset.askAgain')}</Link>
      </p>
    </div>
  );
}
