import { useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  INTERVIEW_LIMITS,
  interviewFieldsSchema,
  labelOf,
  moveLabel,
  OFFER_LIMITS,
  offerFieldsSchema,
  TEXT_LIMITS,
  type ContractType,
} from '@promesse/shared';
import { ActionError } from '../../components/action-error';
import { useConfirmWithReason } from '../../components/confirm-dialog';
import { errorText } from '../../components/form-errors';
import { FormField, TextAreaField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { InterviewSummary, OfferSummary } from '../../components/hiring-summary';
import { SelectField } from '../../components/select-field';
import { FormMessage, SubmitButton, useValidatedForm, type ValidatedForm } from '../../components/use-validated-form';
import type { HiringFieldsFragment } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { CancelInterviewDocument, MakeOfferDocument, ProposeInterviewDocument } from './company.hiring.documents';

// "Proposer un entretien" and "Faire une offre" on an applicant's card, with what was already proposed and offered.

type Open = 'interview' | 'offer' | null;

export function ApplicantHiring({ application: a, onDone }: { application: HiringFieldsFragment; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const canInterview = a.status === 'SHORTLISTED' || a.status === 'INTERVIEW';
  const canOffer = a.allowedMoves.includes('OFFERED');
  const current = a.interviews[0];
  const done = () => {
    setOpen(null);
    onDone();
  };
  return (
    <div className="hiring">
      {a.interviews.length ? (
        <details open={a.status === 'INTERVIEW'}>
          <summary>{t('hiring.interview.list', { count: a.interviews.length })}</summary>
          {a.interviews.map((i) => (
            <InterviewSummary key={i.id} interview={i} />
          ))}
        </details>
      ) : null}
      {current?.status === 'RESCHEDULE_REQUESTED' && canInterview ? (
        <p className="note">{t('hiring.interview.askedOtherTime')}</p>
      ) : null}
      {current && current.status !== 'CANCELLED' && canInterview ? (
        <CancelInterview interviewId={current.id} onDone={onDone} />
      ) : null}
      {a.offer ? (
        <div>
          <p className="field__label">{t('hiring.offer.made')}</p>
          <OfferSummary offer={a.offer} />
        </div>
      ) : null}
      {(canInterview || canOffer) && open === null ? (
        <div className="toolbar">
          {canInterview ? (
            <button
              type="button"
              className="button button--secondary button--compact"
              onClick={() => setOpen('interview')}
            >
              {moveLabel('INTERVIEW', locale)}
            </button>
          ) : null}
          {canOffer ? (
            <button type="button" className="button button--secondary button--compact" onClick={() => setOpen('offer')}>
              {moveLabel('OFFERED', locale)}
            </button>
          ) : null}
        </div>
      ) : null}
      {open === 'interview' ? (
        <InterviewForm applicationId={a.id} onDone={done} onCancel={() => setOpen(null)} />
      ) : null}
      {open === 'offer' ? <OfferForm applicationId={a.id} onDone={done} onCancel={() => setOpen(null)} /> : null}
    </div>
  );
}

function InterviewForm({
  applicationId,
  onDone,
  onCancel,
}: {
  applicationId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [, propose] = useMutation(ProposeInterviewDocument);
  const form = useValidatedForm(interviewFieldsSchema, async (input) => {
    const res = await propose({
      input: {
        applicationId,
        date: input.date,
        time: input.time,
        durationMinutes: input.durationMinutes,
        place: input.place ?? null,
        videoUrl: input.videoUrl ?? null,
        message: input.message ?? null,
      },
    });
    if (res.error) return res;
    onDone();
  });
  return (
    <HiringForm
      form={form}
      title={t('hiring.interview.formTitle')}
      read={(v) => ({
        date: v.text('date'),
        time: v.text('time'),
        durationMinutes: v.number('durationMinutes'),
        place: v.optional('place'),
        videoUrl: v.optional('videoUrl'),
        message: v.optional('message'),
      })}
      messageLabel={t('hiring.interview.message')}
      sendLabel={t('hiring.interview.send')}
      onCancel={onCancel}
    >
      <fieldset className="form__row">
        <legend className="field__label">{t('hiring.interview.formTitle')}</legend>
        <FormField label={t('hiring.interview.date')} name="date" type="date" required error={form.errors['date']} />
        <FormField
          label={t('hiring.interview.time')}
          name="time"
          type="time"
          min={`0${INTERVIEW_LIMITS.firstHour}:00`}
          max={`${INTERVIEW_LIMITS.lastHour}:00`}
          step={300}
          required
          hint={t('hiring.interview.timeHint')}
          error={form.errors['time']}
        />
        <FormField
          label={t('hiring.interview.durationLabel')}
          name="durationMinutes"
          type="number"
          min={INTERVIEW_LIMITS.durationMin}
          max={INTERVIEW_LIMITS.durationMax}
          step={5}
          defaultValue={INTERVIEW_LIMITS.durationDefault}
          error={form.errors['durationMinutes']}
        />
      </fieldset>
      <FormField
        label={t('hiring.interview.place')}
        name="place"
        hint={t('hiring.interview.placeHint')}
        maxLength={INTERVIEW_LIMITS.place}
        error={form.errors['place']}
      />
      <FormField
        label={t('hiring.interview.videoUrl')}
        name="videoUrl"
        type="url"
        inputMode="url"
        maxLength={INTERVIEW_LIMITS.videoUrl}
        error={form.errors['videoUrl']}
      />
    </HiringForm>
  );
}

function OfferForm({
  applicationId,
  onDone,
  onCancel,
}: {
  applicationId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const [, makeOffer] = useMutation(MakeOfferDocument);
  const [contract, setContract] = useState<ContractType>('CDI');
  const apprenticeship = contract === 'APPRENTICESHIP';
  const form = useValidatedForm(offerFieldsSchema, async (input) => {
    const res = await makeOffer({
      input: {
        applicationId,
        contractType: input.contractType,
        startDate: input.startDate.toISOString(),
        weeklyHours: input.weeklyHours,
        grossMonthlySalary: input.grossMonthlySalary ?? null,
        apprenticeshipPercent: input.apprenticeshipPercent ?? null,
        message: input.message ?? null,
      },
    });
    if (res.error) return res;
    onDone();
  });
  return (
    <HiringForm
      form={form}
      title={t('hiring.offer.formTitle')}
      read={(v) => ({
        contractType: v.text('contractType'),
        startDate: v.optional('startDate'),
        weeklyHours: v.number('weeklyHours'),
        grossMonthlySalary: apprenticeship ? undefined : v.number('grossMonthlySalary'),
        apprenticeshipPercent: apprenticeship ? v.number('apprenticeshipPercent') : undefined,
        message: v.optional('message'),
      })}
      messageLabel={t('hiring.offer.message')}
      sendLabel={t('hiring.offer.send')}
      onCancel={onCancel}
    >
      <p className="field__label">{t('hiring.offer.formTitle')}</p>
      <SelectField
        label={t('hiring.offer.contract')}
        name="contractType"
        value={contract}
        onChange={(e) => setContract(e.currentTarget.value as ContractType)}
        options={CONTRACT_TYPES.map((c) => ({ value: c, label: labelOf(CONTRACT_TYPE_LABELS, c, locale) }))}
        error={form.errors['contractType']}
      />
      <FormField
        label={t('hiring.offer.startDate')}
        name="startDate"
        type="date"
        required
        error={form.errors['startDate']}
      />
      <FormField
        label={t('hiring.offer.weeklyHours')}
        name="weeklyHours"
        type="number"
        min={OFFER_LIMITS.weeklyHoursMin}
        max={apprenticeship ? OFFER_LIMITS.apprenticeWeeklyHoursMax : OFFER_LIMITS.weeklyHoursMax}
        step={0.5}
        defaultValue={35}
        required
        error={form.errors['weeklyHours']}
      />
      <FormField
        key={apprenticeship ? 'percent' : 'salary'}
        label={t(apprenticeship ? 'hiring.offer.percent' : 'hiring.offer.salary')}
        name={apprenticeship ? 'apprenticeshipPercent' : 'grossMonthlySalary'}
        type="number"
        min={apprenticeship ? OFFER_LIMITS.apprenticeshipPercentMin : OFFER_LIMITS.salaryMin}
        max={apprenticeship ? OFFER_LIMITS.apprenticeshipPercentMax : OFFER_LIMITS.salaryMax}
        step={apprenticeship ? 1 : 0.01}
        required
        hint={apprenticeship ? t('hiring.offer.percentHint') : undefined}
        error={form.errors[apprenticeship ? 'apprenticeshipPercent' : 'grossMonthlySalary']}
      />
    </HiringForm>
  );
}

type FormReader = ReturnType<typeof formValues>;

/**
 * What both forms share: labelled by their title, their own fields, then the message to the student, the form's
 * error, and send / cancel.
 */
function HiringForm({
  form,
  title,
  read,
  messageLabel,
  sendLabel,
  onCancel,
  children,
}: {
  form: ValidatedForm;
  title: string;
  read: (v: FormReader) => unknown;
  messageLabel: string;
  sendLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form className="form" aria-label={title} {...form.props((data) => read(formValues(data)))}>
      {children}
      <TextAreaField label={messageLabel} name="message" rows={3} error={form.errors['message']} />
      <FormMessage form={form} />
      <div className="toolbar">
        <SubmitButton form={form} label={sendLabel} className="button--compact" />
        <button type="button" className="button button--ghost button--compact" onClick={onCancel}>
          {t('company.board.cancel')}
        </button>
      </div>
    </form>
  );
}

/** "Annuler l'entretien": confirmed in the app's dialog, with an optional reason the student reads. */
function CancelInterview({ interviewId, onDone }: { interviewId: string; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [state, cancel] = useMutation(CancelInterviewDocument);
  const [ask, dialog] = useConfirmWithReason();
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    const confirmed = await ask({
      title: t('hiring.interview.cancelTitle'),
      body: t('hiring.interview.cancelBody'),
      confirmLabel: t('hiring.interview.cancel'),
      danger: true,
      reason: { label: t('hiring.interview.cancelReason'), maxLength: TEXT_LIMITS.message },
    });
    if (!confirmed) return;
    const res = await cancel({ id: interviewId, reason: confirmed.reason ?? null });
    setError(res.error ? errorText(res.error, locale) : null);
    if (!res.error) onDone();
  };
  return (
    <>
      {dialog}
      <button
        type="button"
        className="button button--ghost button--compact"
        disabled={state.fetching}
        onClick={() => void onClick()}
      >
        {t('hiring.interview.cancel')}
      </button>
      <ActionError text={error} />
    </>
  );
}
