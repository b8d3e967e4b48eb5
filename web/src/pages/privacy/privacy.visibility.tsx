import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ActionError } from '../../components/action-error';
import { errorText } from '../../components/form-errors';
import { LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { MatchingVisibilityDocument, SetHiddenFromMatchingDocument } from './privacy.documents';

/**
 * The student's choice to stay out of the companies' matching and browsing (issue 18). Applying stays possible;
 * their school still sees them. Saved as soon as the box changes (a reversible choice: no confirmation).
 */
export function MatchingVisibilitySection() {
  const { t, locale } = useI18n();
  const titleId = useId();
  const hintId = useId();
  const [result] = useQuery({ query: MatchingVisibilityDocument });
  const [saving, setHidden] = useMutation(SetHiddenFromMatchingDocument);
  const [error, setError] = useState<string | null>(null);
  // The box follows the click at once; the status says when the choice is saved (a failure puts the box back).
  const [choice, setChoice] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  const hidden = choice ?? result.data?.myStudentProfile.hiddenFromMatching ?? false;

  const onChange = async (next: boolean) => {
    const previous = hidden;
    setError(null);
    setSaved(null);
    setChoice(next);
    const r = await setHidden({ hidden: next });
    if (r.error) {
      setChoice(previous);
      setError(errorText(r.error, locale));
    } else {
      setSaved(r.data?.setHiddenFromMatching.hiddenFromMatching ?? next);
    }
  };

  return (
    <section className="card" aria-labelledby={titleId} data-testid="visibility-section">
      <h2 id={titleId}>{t('privacy.visibility.title')}</h2>
      {!result.data ? (
        <LoadingState />
      ) : (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={hidden}
              disabled={saving.fetching}
              aria-describedby={hintId}
              onChange={(e) => void onChange(e.currentTarget.checked)}
            />
            {t('privacy.visibility.label')}
          </label>
          <p id={hintId} className="field__hint">
            {t('privacy.visibility.hint')}
          </p>
        </>
      )}
      <p role="status" data-testid="visibility-status">
        {saved === null ? '' : t(saved ? 'privacy.visibility.hiddenSaved' : 'privacy.visibility.shownSaved')}
      </p>
      <ActionError text={error} />
      <p>
        <Link to="/confidentialite">{t('privacy.link')}</Link>
      </p>
    </section>
  );
}
