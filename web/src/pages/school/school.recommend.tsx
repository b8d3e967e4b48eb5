import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { recommendGraduateSchema } from '@promesse/shared';
import { graphql } from '../../gql';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { TextAreaField } from './school.forms';

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
}: {
  jobPromiseId: string | null;
  studentId: string | null;
  subject: string;
}) {
  const { t, locale } = useI18n();
  const [state, recommend] = useMutation(RecommendGraduateDocument);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = recommendGraduateSchema.safeParse({
      jobPromiseId: jobPromiseId ?? '',
      studentId: studentId ?? '',
      note: new FormData(e.currentTarget).get('note'),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue?.path[0] === 'note' ? issue.message : t('school.recommendPick'));
      return;
    }
    const r = await recommend(parsed.data);
    if (r.data) {
      setError(null);
      setDone(true);
      return;
    }
    const mapped = toUserFacingError(r.error, locale);
    setError(mapped.detail ?? mapped.message);
  };

  if (done) {
    return (
      <p className="alert alert--success" role="status" data-testid="recommend-done">
        {t('school.recommendDone', { subject })}
      </p>
    );
  }
  return (
    <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={state.fetching}>
      <TextAreaField
        label={t('school.recommendNote', { subject })}
        hint={t('school.recommendNoteHint')}
        name="note"
        rows={3}
        required
        error={error ?? undefined}
      />
      <button type="submit" className="button button--primary" disabled={state.fetching}>
        {t('school.recommendSubmit')}
      </button>
    </form>
  );
}
