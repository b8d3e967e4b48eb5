import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { labelOf, respondToInterviewSchema, TEXT_LIMITS, TRADE_LABELS } from '@promesse/shared';
import { ActionError } from '../../components/action-error';
import { useConfirmWithReason } from '../../components/confirm-dialog';
import { errorText } from '../../components/form-errors';
import { TextAreaField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { InterviewSummary, OfferSummary } from '../../components/hiring-summary';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import type { HiringFieldsFragment } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { CompanyPhotos } from '../../components/company-photos';
import { StudentMoveApplicationDocument } from './student.documents';
import { PromiseCompanyProfileDocument, RespondToInterviewDocument } from './student.hiring.documents';

// The student's side of hiring: the proposed interview to accept or move, the offer to read before accepting or
// declining it (both final, each through the app's confirmation dialog).

export function StudentHiring({ application: a }: { application: HiringFieldsFragment }) {
  const { t } = useI18n();
  const current = a.interviews[0];
  const earlier = a.interviews.slice(1);
  return (
    <div className="hiring">
      {current ? (
        <section aria-label={t('hiring.interview.title')}>
          <h3>{t('hiring.interview.title')}</h3>
          <InterviewSummary interview={current} />
          {current.status === 'PROPOSED' ? <InterviewAnswer interviewId={current.id} /> : null}
          {earlier.length ? (
            <details>
              <summary>{t('hiring.interview.earlier', { count: earlier.length })}</summary>
              {earlier.map((i) => (
                <InterviewSummary key={i.id} interview={i} />
              ))}
            </details>
          ) : null}
        </section>
      ) : null}
      {a.offer ? (
        <section aria-label={t('hiring.offer.received')}>
          <h3>{t('hiring.offer.received')}</h3>
          <OfferSummary offer={a.offer} />
          {a.status === 'OFFERED' && a.allowedMoves.includes('HIRED') ? (
            <OfferAnswer application={a} offer={a.offer} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function InterviewAnswer({ interviewId }: { interviewId: string }) {
  const { t, locale } = useI18n();
  const [state, respond] = useMutation(RespondToInterviewDocument);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useValidatedForm(respondToInterviewSchema, async (input) => {
    const res = await respond({ id: input.id, accept: false, message: input.message ?? null });
    if (res.error) return res;
    setAsking(false);
  });
  const accept = async () => {
    const res = await respond({ id: interviewId, accept: true, message: null });
    setError(res.error ? errorText(res.error, locale) : null);
  };
  if (asking) {
    return (
      <form
        className="form"
        {...form.props((data) => ({ id: interviewId, accept: false, message: formValues(data).optional('message') }))}
      >
        <TextAreaField
          label={t('hiring.interview.otherTimeMessage')}
          name="message"
          rows={3}
          required
          autoFocus
          error={form.errors['message']}
        />
        <FormMessage form={form} />
        <div className="toolbar">
          <SubmitButton form={form} label={t('hiring.interview.sendOtherTime')} className="button--compact" />
          <button type="button" className="button button--ghost button--compact" onClick={() => setAsking(false)}>
            {t('company.board.cancel')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          disabled={state.fetching}
          onClick={() => void accept()}
        >
          {t('hiring.interview.accept')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
          {t('hiring.interview.otherTime')}
        </button>
      </div>
      <ActionError text={error} />
    </>
  );
}

/**
 * "Accepter l'offre" and "Décliner l'offre": the offer is shown again in the confirmation (what is accepted), and a
 * decline may say why (the company reads it in the application's history and its notification).
 */
function OfferAnswer({
  application: a,
  offer,
}: {
  application: HiringFieldsFragment;
  offer: NonNullable<HiringFieldsFragment['offer']>;
}) {
  const { t, locale } = useI18n();
  const [state, move] = useMutation(StudentMoveApplicationDocument);
  const [ask, dialog] = useConfirmWithReason();
  const [error, setError] = useState<string | null>(null);
  const answer = async (accept: boolean) => {
    const confirmed = await ask(
      accept
        ? {
            title: t('hiring.offer.acceptTitle'),
            body: (
              <>
                <OfferSummary offer={offer} />
                <p>{t('hiring.offer.acceptBody')}</p>
              </>
            ),
            confirmLabel: t('hiring.offer.accept'),
          }
        : {
            title: t('hiring.offer.declineTitle'),
            body: t('hiring.offer.declineBody'),
            confirmLabel: t('hiring.offer.decline'),
            danger: true,
            reason: { label: t('hiring.offer.declineReason'), maxLength: TEXT_LIMITS.message },
          },
    );
    if (!confirmed) return;
    const res = await move({
      id: a.id,
      to: accept ? 'HIRED' : 'WITHDRAWN',
      reason: accept ? null : (confirmed.reason ?? null),
    });
    setError(res.error ? errorText(res.error, locale) : null);
  };
  return (
    <>
      {dialog}
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          disabled={state.fetching}
          onClick={() => void answer(true)}
        >
          {t('hiring.offer.accept')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={state.fetching}
          onClick={() => void answer(false)}
        >
          {t('hiring.offer.decline')}
        </button>
      </div>
      <ActionError text={error} />
    </>
  );
}

/** The company's profile on a promise page: what it does, its trades and its sites. */
export function CompanyProfileSection({ jobPromiseId }: { jobPromiseId: string }) {
  const { t, locale } = useI18n();
  const [result] = useQuery({ query: PromiseCompanyProfileDocument, variables: { id: jobPromiseId } });
  const company = result.data?.jobPromise?.company;
  if (
    !company ||
    (!company.presentation && company.trades.length === 0 && company.sites.length === 0 && !company.photos.length)
  ) {
    return null;
  }
  return (
    <section aria-labelledby="company-profile" className="card" data-testid="company-profile">
      <h2 id="company-profile">{t('hiring.profile.about', { name: company.name })}</h2>
      {company.presentation ? <p className="prewrap">{company.presentation}</p> : null}
      <CompanyPhotos photos={company.photos} />
      {company.trades.length ? (
        <p>
          <strong>{t('hiring.profile.trades')}</strong>{' '}
          {company.trades.map((trade) => labelOf(TRADE_LABELS, trade, locale)).join(', ')}
        </p>
      ) : null}
      {company.sites.length ? (
        <>
          <h3>{t('hiring.profile.sites')}</h3>
          <ul>
            {company.sites.map((site) => (
              <li key={`${site.name}-${site.city}`}>
                {site.name} — {site.address ? `${site.address}, ` : ''}
                {site.city}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
