import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { logInSchema } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { LogInDocument } from '../../lib/auth/auth.documents';
import { HOME_PATH, safeReturnPath } from '../../lib/auth/auth.routes';
import { authStore } from '../../lib/auth/auth.store';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

type Field = 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

export function LoginPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('login.title'));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('retour'));
  const [{ fetching }, logIn] = useMutation(LogInDocument);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  if (session.status === 'ready') return <Navigate to={returnTo ?? HOME_PATH[session.me.role]} replace />;

  const focusFirstInvalid = (errors: FieldErrors) => {
    if (errors.email) emailRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The same zod schema as the API's: French messages, identical rules on both sides.
    const parsed = logInSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
      }
      setFormError(null);
      setFieldErrors(errors);
      focusFirstInvalid(errors);
      return;
    }
    setFieldErrors({});
    setFormError(null);
    const result = await logIn(parsed.data);
    const payload = result.data?.logIn;
    if (payload) {
      authStore.signIn(payload.token, payload.user);
      void navigate(returnTo ?? HOME_PATH[payload.user.role], { replace: true });
      return;
    }
    const mapped = toUserFacingError(result.error, locale);
    const serverFieldErrors: FieldErrors = {};
    if (mapped.fieldIssues.email) serverFieldErrors.email = mapped.fieldIssues.email;
    if (mapped.fieldIssues.password) serverFieldErrors.password = mapped.fieldIssues.password;
    setFieldErrors(serverFieldErrors);
    setFormError(mapped.code === 'UNAUTHENTICATED' ? t('login.invalidCredentials') : (mapped.detail ?? mapped.message));
    // Move focus to the message so it is read at once, and so keyboard users start again from the form's top.
    requestAnimationFrame(() => alertRef.current?.focus());
  };

  return (
    <div className="page page--narrow auth">
      <h1>{t('login.title')}</h1>
      <p className="page__lead">{t('login.intro')}</p>
      {formError ? (
        <div ref={alertRef} className="alert alert--error" role="alert" tabIndex={-1} data-testid="login-error">
          {formError}
        </div>
      ) : null}
      <form className="form card" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={fetching}>
        <FormField
          ref={emailRef}
          label={t('login.email')}
          hint={t('login.emailHint')}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          error={fieldErrors.email}
        />
        <FormField
          ref={passwordRef}
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
        <button type="submit" className="button button--primary button--block" disabled={fetching}>
          {fetching ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <ul className="auth__links">
        <li>
          <Link to="/inscription-entreprise">{t('public.signupLink')}</Link>
        </li>
        <li>
          <Link to="/invitation">{t('public.invitationLink')}</Link>
        </li>
      </ul>
    </div>
  );
}
