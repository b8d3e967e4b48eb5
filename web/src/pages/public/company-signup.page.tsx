import { Navigate, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { registerCompanySchema } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { pickedTown, townInput, TownSelect } from '../../components/town-select';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { HOME_PATH } from '../../lib/auth/auth.routes';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { RegisterCompanyDocument } from './public.documents';
import { HaveAccountLink, NewPasswordField } from './public.fields';
import type { SignupSentState } from './signup-sent.page';

export function CompanySignupPage() {
  const { t } = useI18n();
  useDocumentTitle(t('public.signup.title'));
  const session = useSession();
  const navigate = useNavigate();
  const [, register] = useMutation(RegisterCompanyDocument);
  const form = useValidatedForm(
    registerCompanySchema,
    async (input) => {
      const result = await register({ input });
      if (!result.data?.registerCompany) return result;
      // No session yet: the account exists once the e-mailed link is followed (same answer for every address).
      const state: SignupSentState = { email: input.email };
      void navigate('/inscription-entreprise/envoyee', { replace: true, state });
    },
    {
      // No town picked: say so on the picker rather than the schema's message about coordinates.
      adjustErrors: (errors, data) =>
        pickedTown(data) ? errors : { ...errors, city: t('public.signup.cityRequired') },
    },
  );

  if (session.status === 'ready') return <Navigate to={HOME_PATH[session.me.role]} replace />;

  const read = (data: FormData) => ({
    companyName: data.get('companyName'),
    siret: data.get('siret'),
    contactName: data.get('contactName'),
    email: data.get('email'),
    password: data.get('password'),
    ...townInput(data),
  });

  return (
    <div className="page page--narrow auth">
      <h1>{t('public.signup.title')}</h1>
      <p className="page__lead">{t('public.signup.intro')}</p>
      <FormMessage form={form} testId="signup-error" />
      <form className="form card" {...form.props(read)}>
        <FormField
          label={t('public.signup.companyName')}
          name="companyName"
          autoComplete="organization"
          required
          error={form.errors['companyName']}
        />
        <FormField
          label={t('public.signup.siret')}
          hint={t('public.signup.siretHint')}
          name="siret"
          inputMode="numeric"
          autoComplete="off"
          required
          error={form.errors['siret']}
        />
        <TownSelect
          label={t('public.signup.city')}
          hint={t('public.signup.cityHint')}
          placeholder={t('public.signup.cityPlaceholder')}
          required
          error={form.errors['city'] ?? form.errors['location']}
        />
        <FormField
          label={t('public.signup.contactName')}
          name="contactName"
          autoComplete="name"
          required
          error={form.errors['contactName']}
        />
        <FormField
          label={t('public.signup.email')}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          spellCheck={false}
          required
          error={form.errors['email']}
        />
        <NewPasswordField label={t('public.signup.password')} error={form.errors['password']} />
        <SubmitButton
          form={form}
          label={t('public.signup.submit')}
          busyLabel={t('public.signup.submitting')}
          className="button--block"
        />
      </form>
      <HaveAccountLink />
    </div>
  );
}
