import { useRef } from 'react';
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
import { TextAreaField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { formatDate } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/states';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { ApplyDocument, StudentJobPromiseDocument } from './student.documents';
import { CompanyProfileSection } from './student.hiring';

export function StudentPromisePage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: StudentJobPromiseDocument, variables: { id } });
  const [, apply] = useMutation(ApplyDocument);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const applyForm = useValidatedForm(applyToJobPromiseSchema, async (input) => {
    const res = await apply({ jobPromiseId: input.jobPromiseId, message: input.message ?? null });
    if (res.error) return res;
    reexecute({ requestPolicy: 'network-only' });
    requestAnimationFrame(() => statusRef.current?.focus());
  });
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
            <form
              className="form"
              {...applyForm.props((data) => ({
                jobPromiseId: promise.id,
                message: formValues(data).optional('message'),
              }))}
            >
              <TextAreaField
                label={t('student.promise.message')}
                hint={t('student.promise.messageHint')}
                name="message"
                rows={5}
                maxLength={2000}
                error={applyForm.errors['message']}
              />
              <FormMessage form={applyForm} />
              <SubmitButton
                form={applyForm}
                label={t('student.promise.apply')}
                busyLabel={t('student.promise.applying')}
              />
            </form>
          ) : (
            <p>{t('student.promise.notOpen')}</p>
          )}
        </section>
        <CompanyProfileSection jobPromiseId={promise.id} />
      </div>
    </div>
  );
}
