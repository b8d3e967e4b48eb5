import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { registerCompanySchema } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { focusFirstInvalid, mutationErrors, zodFieldErrors } from '../../components/form-errors';
import { findTown, TOWNS, TownSelect } from '../../components/town-select';
import { HOME_PATH, LOGIN_PATH } from '../../lib/auth/auth.routes';
import { authStore } from '../../lib/auth/auth.store';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { RegisterCompanyDocument } from './public.documents';

export function CompanySignupPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('public.signup.title'));
  const session = useSession();
  const navigate = useNavigate();
  const [{ fetching }, register] = useMutation(RegisterCompanyDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  if (session.status === 'ready') return <Navigate to={HOME_PATH[session.me.role]} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const cityName = String(form.get('city') ?? '');
    const town = findTown(TOWNS, cityName);
    const parsed = registerCompanySchema.safeParse({
      companyName: form.get('companyName'),
      siret: form.get('siret'),
      contactName: form.get('contactName'),
      email: form.get('email'),
      password: form.get('password'),
      city: cityName,
      location: town?.location,
    });
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error);
      if (!town) fieldErrors['city'] = t('public.signup.cityRequired');
      setFormError(null);
      setErrors(fieldErrors);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors({});
    setFormError(null);
    const result = await register({ input: parsed.data });
    const payload = result.data?.registerCompany;
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
      <h1>{t('public.signup.title')}</h1>
      <p className="page__lead">{t('public.signup.intro')}</p>
      {formError ? (
        <div ref={alertRef} className="alert alert--error" role="alert" tabIndex={-1} data-testid="signup-error">
          {formError}
        </div>
      ) : null}
      <form ref={formRef} className="form card" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={fetching}>
        <FormField
          label={t('public.signup.companyName')}
          name="companyName"
          autoComplete="organization"
          required
          error={errors['companyName']}
        />
        <FormField
          label={t('public.signup.siret')}
          hint={t('public.signup.siretHint')}
          name="siret"
          inputMode="numeric"
          autoComplete="off"
          required
          error={errors['siret']}
        />
        <TownSelect
          label={t('public.signup.city')}
          hint={t('public.signup.cityHint')}
          placeholder={t('public.signup.cityPlaceholder')}
          towns={TOWNS}
          required
          error={errors['city'] ?? errors['location'] ?? errors['location.lat']}
        />
        <FormField
          label={t('public.signup.contactName')}
          name="contactName"
          autoComplete="name"
          required
          error={errors['contactName']}
        />
        <FormField
          label={t('public.signup.email')}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          spellCheck={false}
          required
          error={errors['email']}
        />
        <FormField
          label={t('public.signup.password')}
          hint={t('public.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors['password']}
        />
        <button type="submit" className="button button--primary button--block" disabled={fetching}>
          {fetching ? t('public.signup.submitting') : t('public.signup.submit')}
        </button>
      </form>
      <p className="auth__alt">
        {t('public.haveAccount')} <Link to={LOGIN_PATH}>{t('public.logIn')}</Link>
      </p>
    </div>
  );
}
