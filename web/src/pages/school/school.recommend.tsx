import { useState } from 'react';
import { useMutation } from 'urql';
import { recommendGraduateSchema } from '@promesse/shared';
import { TextAreaField } from '../../components/form-field';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';

const RecommendGraduateDocument = graphql(`
  mutation RecommendGraduate($jobPromiseId: ID!, $studentId: ID!, $note: String!) {
    recommendGraduate(jobPromiseId: $jobPromiseId, studentId: $studentId, note: $note) {
      id
      status
    }
  }
`);

/**
 * Note + submit for one (graduate, promise) pair; the pair is chosen by the caller (from the student's page a
 * promise, from the promise's page a graduate).
 */
export function RecommendForm({
  jobPromiseId,
  studentId,
  subject,
  onDone,
}: {
  jobPromiseId: string | null;
  studentId: string | null;
  subject: string;
  /** After a success (the caller refreshes what the recommendation changed). */
  onDone?: () => void;
}) {
  const { t } = useI18n();
  const [, recommend] = useMutation(RecommendGraduateDocument);
  const [done, setDone] = useState(false);
  const form = useValidatedForm(
    recommendGraduateSchema,
    async (input) => {
      const res = await recommend(input);
      if (!res.data) return res;
      setDone(true);
      onDone?.();
    },
    {
      // The pair is picked outside this form: say so on the note, the only field here.
      adjustErrors: (errors) =>
        errors['note'] || !(errors['jobPromiseId'] || errors['studentId'])
          ? errors
          : { ...errors, note: t('school.recommendPick') },
    },
  );

  if (done) {
    return (
      <p className="alert alert--success" role="status" data-testid="recommend-done">
        {t('school.recommendDone', { subject })}
      </p>
    );
  }
  return (
    <form
      className="form"
      {...form.props((data) => ({
        jobPromiseId: jobPromiseId ?? '',
        studentId: studentId ?? '',
        note: data.get('note'),
      }))}
    >
      <FormMessage form={form} />
      <TextAreaField
        label={t('school.recommendNote', { subject })}
        hint={t('school.recommendNoteHint')}
        name="note"
        rows={3}
        required
        error={form.errors['note']}
      />
      <SubmitButton form={form} label={t('school.recommendSubmit')} />
    </form>
  );
}
