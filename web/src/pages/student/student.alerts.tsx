import { Link } from 'react-router';
import { useMutation } from 'urql';
import { createJobAlertSchema, type JobAlertFilter } from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { useI18n } from '../../lib/i18n/i18n';
import { CreateJobAlertDocument } from './student.documents';

/**
 * "Créer une alerte" under the search form: saves the current search (trade, contract, distance, words) under a
 * name; validated with the API's own schema (at least one criterion).
 */
export function CreateJobAlertForm({ filter }: { filter: JobAlertFilter }) {
  const { t } = useI18n();
  const [, create] = useMutation(CreateJobAlertDocument);
  const form = useValidatedForm(createJobAlertSchema, async (values, element) => {
    const r = await create({ input: values });
    if (r.error) return { error: r.error };
    element.reset();
    return { success: t('student.alerts.created', { name: values.name }) };
  });
  const read = (data: FormData) => ({ name: formValues(data).optional('name') ?? '', filter });
  return (
    <form className="card" {...form.props(read)} aria-labelledby="create-alert">
      <h2 id="create-alert">{t('student.alerts.createTitle')}</h2>
      <p className="field__hint">{t('student.alerts.createHint')}</p>
      <FormField
        label={t('student.alerts.name')}
        name="name"
        maxLength={80}
        error={form.errors['name'] ?? form.errors['filter']}
      />
      <SubmitButton form={form} label={t('student.alerts.create')} />
      <FormMessage form={form} />
      <p>
        <Link to="/eleve/alertes">{t('student.alerts.manage')}</Link>
      </p>
    </form>
  );
}
