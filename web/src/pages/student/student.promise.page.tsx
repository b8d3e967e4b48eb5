import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  APPLICATION_STATUS_LABELS,
  applyToJobPromiseSchema,
  CONTRACT_TYPE_LABELS,
  DIPLOMA_LEVEL_LABELS,
  JOB_PROMISE_STATUS_LABELS,
  labelOf,
  TRADE_LABELS,
} from '@promesse/shared';
import { mutationErrors } from '../../components/form-errors';
import { formatDate } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { ApplyDocument, StudentJobPromiseDocument } from './student.documents';

export function StudentPromisePage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: StudentJobPromiseDocument, variables: { id } });
  const [applyState, apply] = useMutation(ApplyDocument);
  const [error, setError] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const promise = result.data?.jobPromise;
  useDocumentTitle(promise?.title ?? t('student.promise.title'));

  if (result.error && !promise) {
    return (
      <div className="page">
        <h1>{t('student.promise.title')}</h1>
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  if (!promise) return <LoadingState />;

  const onApply = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = applyToJobPromiseSchema.safeParse({
      jobPromiseId: promise.id,
      message: String(form.get('message') ?? '').trim() || undefined,
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setError(null);
    const res = await apply({ jobPromiseId: parsed.data.jobPromiseId, message: parsed.data.message ?? null });
    if (res.error) {
      setError(mutationErrors(res.error, locale).form);
      return;
    }
    reexecute({ requestPolicy: 'network-only' });
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  const application = promise.myApplication;
  return (
    <div className="page">
      <p className="page__eyebrow">
        <Link to="/eleve/recherche">{t('student.promise.back')}</Link>
      </p>
      <h1>{promise.title}</h1>
      <p className="page__lead">
        {promise.company.name} · {promise.city}
      </p>
      <div className="layout-2">
        <section className="card" aria-labelledby="promise-details">
          <h2 id="promise-details">{t('student.promise.details')}</h2>
          <dl className="details">
            <dt>{t('student.promise.trade')}</dt>
            <dd>{labelOf(TRADE_LABELS, promise.trade, locale)}</dd>
            <dt>{t('student.promise.contract')}</dt>
            <dd>{labelOf(CONTRACT_TYPE_LABELS, promise.contractType, locale)}</dd>
            {promise.diplomaLevel ? (
              <>
                <dt>{t('student.promise.diploma')}</dt>
                <dd>{labelOf(DIPLOMA_LEVEL_LABELS, promise.diplomaLevel, locale)}</dd>
              </>
            ) : null}
            <dt>{t('student.promise.positions')}</dt>
            <dd>{promise.positions}</dd>
            <dt>{t('student.promise.start')}</dt>
            <dd>{formatDate(promise.startDate, locale)}</dd>
            <dt>{t('student.promise.expires')}</dt>
            <dd>{formatDate(promise.expiresAt, locale)}</dd>
            <dt>{t('student.promise.status')}</dt>
            <dd>{labelOf(JOB_PROMISE_STATUS_LABELS, promise.status, locale)}</dd>
          </dl>
          <h3>{t('student.promise.description')}</h3>
          <p className="prewrap">{promise.description}</p>
          {promise.skills.length ? (
            <>
              <h3>{t('student.promise.skills')}</h3>
              <ul className="tags">
                {promise.skills.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <section className="card" aria-labelledby="promise-apply">
          <h2 id="promise-apply">{t('student.promise.application')}</h2>
          {application ? (
            <>
              <p ref={statusRef} tabIndex={-1} data-testid="my-application-status">
                {t('student.promise.applied', {
                  status: labelOf(APPLICATION_STATUS_LABELS, application.status, locale),
                })}
              </p>
              <p>
                <Link to="/eleve/candidatures">{t('student.promise.seeApplications')}</Link>
              </p>
            </>
          ) : promise.status === 'OPEN' ? (
            <form className="form" onSubmit={(e) => void onApply(e)} aria-busy={applyState.fetching}>
              <div className={`field${error ? ' field--invalid' : ''}`}>
                <label htmlFor="apply-message" className="field__label">
                  {t('student.promise.message')}
                </label>
                <p id="apply-message-hint" className="field__hint">
                  {t('student.promise.messageHint')}
                </p>
                <textarea
                  id="apply-message"
                  name="message"
                  className="field__input"
                  rows={5}
                  maxLength={2000}
                  aria-describedby="apply-message-hint"
                />
              </div>
              {error ? (
                <p className="alert alert--error" role="alert">
                  {error}
                </p>
              ) : null}
              <button type="submit" className="button button--primary" disabled={applyState.fetching}>
                {applyState.fetching ? t('student.promise.applying') : t('student.promise.apply')}
              </button>
            </form>
          ) : (
            <p>{t('student.promise.notOpen')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
