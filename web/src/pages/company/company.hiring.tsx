import { useState } from 'react';
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
  type ContractType,
} from '@promesse/shared';
import { FormField, TextAreaField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { InterviewSummary, OfferSummary } from '../../components/hiring-summary';
import { SelectField } from '../../components/select-field';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import type { ApplicantHiringFieldsFragment } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { MakeOfferDocument, ProposeInterviewDocument } from './company.hiring.documents';

// "Proposer un entretien" and "Faire une offre" on an applicant's card, with what was already proposed and offered.

type Open = 'interview' | 'offer' | null;

export function ApplicantHiring({
  application: a,
  onDone,
}: {
  application: ApplicantHiringFieldsFragment;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const canInterview = a.status === 'SHORTLISTED' || a.status === 'INTERVIEW';
  const canOffer = a.allowedMoves.includes('OFFERED');
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
    <form
      className="form"
      aria-label={t('hiring.interview.formTitle')}
      {...form.props((data) => {
        const v = formValues(data);
        return {
          date: v.text('date'),
          time: v.text('time'),
          durationMinutes: v.number('durationMinutes'),
          place: v.optional('place'),
          videoUrl: v.optional('videoUrl'),
          message: v.optional('message'),
        };
      })}
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
      <TextAreaField label={t('hiring.interview.message')} name="message" rows={3} error={form.errors['message']} />
      <FormMessage form={form} />
      <div className="toolbar">
        <SubmitButton form={form} label={t('hiring.interview.send')} className="button--compact" />
        <button type="button" className="button button--ghost button--compact" onClick={onCancel}>
          {t('company.board.cancel')}
        </button>
      </div>
    </form>
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
    <form
      className="form"
      aria-label={t('hiring.offer.formTitle')}
      {...form.props((data) => {
        const v = formValues(data);
        return {
          contractType: v.text('contractType'),
          startDate: v.optional('startDate'),
          weeklyHours: v.number('weeklyHours'),
          grossMonthlySalary: apprenticeship ? undefined : v.number('grossMonthlySalary'),
          apprenticeshipPercent: apprenticeship ? v.number('apprenticeshipPercent') : undefined,
          message: v.optional('message'),
        };
      })}
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
      {apprenticeship ? (
        <FormField
          label={t('hiring.offer.percent')}
          name="apprenticeshipPercent"
          type="number"
          min={OFFER_LIMITS.apprenticeshipPercentMin}
          max={OFFER_LIMITS.apprenticeshipPercentMax}
          step={1}
          required
          hint={t('hiring.offer.percentHint')}
          error={form.errors['apprenticeshipPercent']}
        />
      ) : (
        <FormField
          label={t('hiring.offer.salary')}
          name="grossMonthlySalary"
          type="number"
          min={OFFER_LIMITS.salaryMin}
          max={OFFER_LIMITS.salaryMax}
          step={0.01}
          required
          error={form.errors['grossMonthlySalary']}
        />
      )}
      <TextAreaField label={t('hiring.offer.message')} name="message" rows={3} error={form.errors['message']} />
      <FormMessage form={form} />
      <div className="toolbar">
        <SubmitButton form={form} label={t('hiring.offer.send')} className="button--compact" />
        <button type="button" className="button button--ghost button--compact" onClick={onCancel}>
          {t('company.board.cancel')}
        </button>
      </div>
    </form>
  );
}
