import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { errorText } from '../../components/form-errors';
import { HOME_PATH, LOGIN_PATH } from '../../lib/auth/auth.routes';
import { authStore } from '../../lib/auth/auth.store';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { VerifyEmailDocument } from './public.documents';

/**
 * `/verification-email#<token>`, opened from the sign-up e-mail. The account is created when the person presses the
 * button, not on load: a mail scanner that opens links does not use the single-use link up. Someone already logged
 * in (another account in this browser) may confirm too: they are then logged in as the new recruiter.
 */
export function VerifyEmailPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('account.verify.title'));
  const navigate = useNavigate();
  const token = useLocation().hash.replace(/^#/, '');
  const [state, verify] = useMutation(VerifyEmailDocument);
  const [failed, setFailed] = useState<unknown>(null);

  const confirm = async () => {
    setFailed(null);
    const result = await verify({ token });
    const payload = result.data?.verifyEmail;
    if (!payload) {
      setFailed(result.error ?? new Error('verifyEmail'));
      return;
    }
    authStore.signIn(payload.token, payload.user);
    void navigate(HOME_PATH[payload.user.role], { replace: true });
  };

  return (
    <div className="page page--narrow auth">
      <h1>{t('account.verify.title')}</h1>
      {token ? (
        <div className="card">
          <p>{t('account.verify.intro')}</p>
          <button
            type="button"
            className="button button--primary button--block"
            onClick={() => void confirm()}
            disabled={state.fetching}
            aria-busy={state.fetching}
          >
            {state.fetching ? t('account.verify.submitting') : t('account.verify.submit')}
          </button>
        </div>
      ) : null}
      <div role="alert" data-testid="verify-error">
        {!token ? <p className="alert alert--error">{t('account.verify.noToken')}</p> : null}
        {failed ? <p className="alert alert--error">{errorText(failed, locale)}</p> : null}
      </div>
      <ul className="auth__links">
        <li>
          <Link to={LOGIN_PATH}>{t('account.backToLogin')}</Link>
        </li>
        <li>
          <Link to="/inscription-entreprise">{t('account.verify.signupAgain')}</Link>
        </li>
      </ul>
    </div>
  );
}
