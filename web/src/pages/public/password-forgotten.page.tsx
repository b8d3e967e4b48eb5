import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { requestPasswordResetSchema } from '@promesse/shared';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { LOGIN_PATH } from '../../lib/auth/auth.routes';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { RequestPasswordResetDocument } from './public.documents';
import { AccountEmailField } from './public.fields';

/**
 * `/mot-de-passe/oublie`, from the log-in page: asks for a reset link. The answer is the same whether the address has
 * an account or not (the API says nothing either), so the page says "if".
 */
export function PasswordForgottenPage() {
  const { t } = useI18n();
  useDocumentTitle(t('account.forgotten.title'));
  const [, request] = useMutation(RequestPasswordResetDocument);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useValidatedForm(requestPasswordResetSchema, async ({ email }) => {
    const result = await request({ email });
    if (!result.data) return result;
    setSentTo(email);
  });

  return (
    <div className="page page--narrow auth">
      <h1>{t('account.forgotten.title')}</h1>
      {sentTo ? (
        <div className="alert alert--success" role="status" data-testid="reset-requested">
          <p>{t('account.forgotten.sent', { email: sentTo })}</p>
          <p>{t('account.forgotten.sentHint')}</p>
        </div>
      ) : (
        <>
          <p className="page__lead">{t('account.forgotten.intro')}</p>
          <FormMessage form={form} testId="forgotten-error" />
          <form className="form card" {...form.props((data) => ({ email: data.get('email') }))}>
            <AccountEmailField error={form.errors['email']} />
            <SubmitButton
              form={form}
              label={t('account.forgotten.submit')}
              busyLabel={t('account.forgotten.submitting')}
              className="button--block"
            />
          </form>
        </>
      )}
      <p className="auth__alt">
        <Link to={LOGIN_PATH}>{t('account.backToLogin')}</Link>
      </p>
    </div>
  );
}
