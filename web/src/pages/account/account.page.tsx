import { useMutation } from 'urql';
import { changeMyEmailSchema, changeMyPasswordSchema } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { FormField } from '../../components/form-field';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { graphql } from '../../gql';
import { authStore } from '../../lib/auth/auth.store';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

const ChangeMyEmailDocument = graphql(`
  mutation ChangeMyEmail($currentPassword: String!, $newEmail: String!) {
    changeMyEmail(currentPassword: $currentPassword, newEmail: $newEmail) {
      ...SessionUser
    }
  }
`);

const ChangeMyPasswordDocument = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** The current password: what both forms ask for, so a device left signed in cannot take the account over. */
function CurrentPasswordField({ error }: { error: string | undefined }) {
  const { t } = useI18n();
  return (
    <FormField
      label={t('accountSettings.currentPassword')}
      name="currentPassword"
      type="password"
      autoComplete="current-password"
      required
      error={error}
    />
  );
}

function EmailForm() {
  const { t } = useI18n();
  const session = useSession();
  const [, change] = useMutation(ChangeMyEmailDocument);
  const form = useValidatedForm(changeMyEmailSchema, async (input, element) => {
    const result = await change(input);
    const user = result.data?.changeMyEmail;
    if (!user) return result;
    authStore.setMe(user);
    element.reset();
    return { success: t('accountSettings.email.saved', { email: user.email }) };
  });
  return (
    <section className="card" aria-labelledby="account-email">
      <h2 id="account-email">{t('accountSettings.email.title')}</h2>
      {session.me ? <p>{t('accountSettings.email.current', { email: session.me.email })}</p> : null}
      <FormMessage form={form} testId="email-change-message" />
      <form
        className="form"
        {...form.props((data) => ({ newEmail: data.get('newEmail'), currentPassword: data.get('currentPassword') }))}
      >
        <FormField
          label={t('accountSettings.email.newEmail')}
          hint={t('accountSettings.email.hint')}
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          error={form.errors['newEmail']}
        />
        <CurrentPasswordField error={form.errors['currentPassword']} />
        <SubmitButton form={form} label={t('accountSettings.email.submit')} busyLabel={t('accountSettings.saving')} />
      </form>
    </section>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const [, change] = useMutation(ChangeMyPasswordDocument);
  const form = useValidatedForm(changeMyPasswordSchema, async (input, element) => {
    const result = await change(input);
    if (!result.data?.changeMyPassword) return result;
    element.reset();
    return { success: t('accountSettings.password.saved') };
  });
  return (
    <section className="card" aria-labelledby="account-password">
      <h2 id="account-password">{t('accountSettings.password.title')}</h2>
      <p>{t('accountSettings.password.intro')}</p>
      <FormMessage form={form} testId="password-change-message" />
      <form
        className="form"
        {...form.props((data) => ({
          currentPassword: data.get('currentPassword'),
          newPassword: data.get('newPassword'),
        }))}
      >
        <CurrentPasswordField error={form.errors['currentPassword']} />
        <FormField
          label={t('accountSettings.password.newPassword')}
          hint={t('public.passwordHint')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          error={form.errors['newPassword']}
        />
        <SubmitButton
          form={form}
          label={t('accountSettings.password.submit')}
          busyLabel={t('accountSettings.saving')}
        />
      </form>
    </section>
  );
}

/**
 * `/parametres/compte`: the signed-in user's e-mail address and password, for every role (reached from the name in
 * the header and from the student's and company's profile pages).
 */
export function AccountPage() {
  const { t } = useI18n();
  useDocumentTitle(t('accountSettings.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('accountSettings.title')}</h1>
      <EmailForm />
      <PasswordForm />
    </div>
  );
}
