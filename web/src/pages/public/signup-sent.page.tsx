import { Link, useLocation } from 'react-router';
import { LOGIN_PATH } from '../../lib/auth/auth.routes';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

/** The state the sign-up page passes: the address the link went to (not in the URL). */
export interface SignupSentState {
  email: string;
}

/** `/inscription-entreprise/envoyee`: where a company sign-up ends, until the e-mailed link is followed. */
export function SignupSentPage() {
  const { t } = useI18n();
  useDocumentTitle(t('account.signupSent.title'));
  const state = useLocation().state as Partial<SignupSentState> | null;
  return (
    <div className="page page--narrow auth">
      <h1>{t('account.signupSent.title')}</h1>
      <div className="card" role="status" data-testid="signup-sent">
        <p>{state?.email ? t('account.signupSent.sentTo', { email: state.email }) : t('account.signupSent.sent')}</p>
        <p>{t('account.signupSent.hint')}</p>
        <p className="field__hint">{t('account.signupSent.noMail')}</p>
      </div>
      <p className="auth__alt">
        <Link to={LOGIN_PATH}>{t('account.backToLogin')}</Link>
      </p>
    </div>
  );
}
