import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  DIPLOMA_LEVEL_LABELS,
  DIPLOMA_LEVELS,
  EXIT_OUTCOME_LABELS,
  EXIT_OUTCOMES,
  labelOf,
  LEDGER_ENTRY_SOURCE_LABELS,
  recordExamResultSchema,
  recordExitOutcomeSchema,
  recordOffPlatformPromiseSchema,
  TRADE_LABELS,
  type ExitOutcome,
} from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { formatDate, studentName, toDateInput } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { SchoolNav } from '../school/school.nav';
import {
  GraduateOutcomeDocument,
  RecordExamResultDocument,
  RecordExitOutcomeDocument,
  RecordOffPlatformPromiseDocument,
} from './outcome.documents';

/** One graduate's outcome, exam result and ledger of promises, with the forms staff record them with. */
export function GraduateOutcomePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [result, reexecute] = useQuery({ query: GraduateOutcomeDocument, variables: { id } });
  const student = result.data?.student;
  useDocumentTitle(
    student
      ? t('outcome.graduate.title', { name: studentName(student.displayName, locale) })
      : t('outcome.schoolTitle'),
  );
  if (result.error)
    return <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (result.fetching && !student) return <LoadingState />;
  if (!student) return <EmptyState title={t('outcome.graduate.notFound')} />;
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <div className="page">
      <p className="page__eyebrow">
        <Link to="/ecole/resultats">{t('outcome.schoolTitle')}</Link>
      </p>
      <h1>{t('outcome.graduate.title', { name: studentName(student.displayName, locale) })}</h1>
      <SchoolNav />
      <dl className="details">
        <dt>{t('outcome.trade')}</dt>
        <dd>{student.trade ? labelOf(TRADE_LABELS, student.trade, locale) : '—'}</dd>
        <dt>{t('outcome.col.graduation')}</dt>
        <dd>
          {student.graduationDate ? formatDate(student.graduationDate, locale) : t('outcome.graduate.noGraduation')}
        </dd>
        <dt>{t('outcome.col.outcome')}</dt>
        <dd data-testid="current-outcome">
          {student.exitOutcome
            ? labelOf(EXIT_OUTCOME_LABELS, student.exitOutcome.outcome, locale)
            : t('outcome.noOutcome')}
        </dd>
        <dt>{t('outcome.col.exam')}</dt>
        <dd>
          {student.examResult
            ? `${labelOf(DIPLOMA_LEVEL_LABELS, student.examResult.diploma, locale)} : ${t(student.examResult.passed ? 'outcome.exam.passed' : 'outcome.exam.failed')}`
            : '—'}
        </dd>
      </dl>

      <section className="card" aria-labelledby="record-outcome-title">
        <h2 id="record-outcome-title">{t('outcome.record.title')}</h2>
        <p className="field__hint">{t('outcome.record.intro')}</p>
        <ExitOutcomeForm studentId={student.id} current={student.exitOutcome?.outcome ?? null} onDone={refresh} />
        {student.exitOutcomeHistory.length ? (
          <>
            <h3>{t('outcome.record.history')}</h3>
            <ol className="outcome-history" reversed>
              {[...student.exitOutcomeHistory].reverse().map((r) => (
                <li key={r.id}>
                  <strong>{labelOf(EXIT_OUTCOME_LABELS, r.outcome, locale)}</strong>
                  {r.companyName ? ` — ${r.companyName}` : ''}
                  {r.contractType ? ` (${labelOf(CONTRACT_TYPE_LABELS, r.contractType, locale)})` : ''}
                  {r.startDate ? ` — ${t('outcome.record.startsOn', { date: formatDate(r.startDate, locale) })}` : ''}
                  <br />
                  <small>
                    {t(r.source === 'APPLICATION_HIRED' ? 'outcome.record.byApp' : 'outcome.record.byStaff', {
                      date: formatDate(r.recordedAt, locale),
                    })}
                  </small>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="record-exam-title">
        <h2 id="record-exam-title">{t('outcome.exam.title')}</h2>
        <ExamResultForm
          studentId={student.id}
          diploma={student.examResult?.diploma ?? student.diplomaLevel ?? null}
          onDone={refresh}
        />
      </section>

      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">{t('outcome.ledger.title')}</h2>
        {student.promiseLedger.length ? (
          <ul className="card-list" data-testid="promise-ledger">
            {student.promiseLedger.map((e) => (
              <li key={e.id}>
                <strong>{e.companyName}</strong> — {formatDate(e.date, locale)} (
                {labelOf(LEDGER_ENTRY_SOURCE_LABELS, e.source, locale)}){e.note ? <p>{e.note}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('outcome.ledger.empty')}</p>
        )}
        <h3>{t('outcome.ledger.addTitle')}</h3>
        <OffPlatformPromiseForm studentId={student.id} onDone={refresh} />
      </section>
    </div>
  );
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

function ExitOutcomeForm({
  studentId,
  current,
  onDone,
}: {
  studentId: string;
  current: ExitOutcome | null;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [outcome, setOutcome] = useState<ExitOutcome>(current ?? 'EMPLOYED');
  const [, record] = useMutation(RecordExitOutcomeDocument);
  const employed = outcome === 'EMPLOYED';
  const withCompany = employed || outcome === 'APPRENTICESHIP';
  const form = useValidatedForm(recordExitOutcomeSchema, async (v) => {
    const res = await record({
      input: {
        studentId: v.studentId,
        outcome: v.outcome,
        companyName: v.companyName ?? null,
        contractType: v.contractType ?? null,
        startDate: iso(v.startDate),
        note: v.note ?? null,
      },
    });
    if (!res.data) return res;
    onDone();
    return { success: t('outcome.record.done') };
  });
  const read = (data: FormData) => ({
    studentId,
    outcome,
    companyName: withCompany ? data.get('companyName') : null,
    contractType: employed ? data.get('contractType') : null,
    startDate: data.get('startDate'),
    note: data.get('note'),
  });
  const { errors } = form;
  return (
    <form className="form" {...form.props(read)} data-testid="exit-outcome-form">
      <fieldset className="checks">
        <legend>{t('outcome.col.outcome')}</legend>
        {EXIT_OUTCOMES.map((o) => (
          <label key={o} className="check">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {labelOf(EXIT_OUTCOME_LABELS, o, locale)}
          </label>
        ))}
      </fieldset>
      {withCompany ? (
        <FormField
          label={t('outcome.col.company')}
          name="companyName"
          required={employed}
          error={errors['companyName'] ?? errors['companyId']}
        />
      ) : null}
      {employed ? (
        <SelectField
          label={t('outcome.record.contractType')}
          name="contractType"
          required
          placeholder={t('outcome.record.chooseContract')}
          options={CONTRACT_TYPES.filter((c) => c !== 'APPRENTICESHIP').map((c) => ({
            value: c,
            label: labelOf(CONTRACT_TYPE_LABELS, c, locale),
          }))}
          error={errors['contractType']}
        />
      ) : null}
      <FormField
        label={t('outcome.record.startDate')}
        name="startDate"
        type="date"
        required={employed}
        error={errors['startDate']}
      />
      <FormField label={t('outcome.record.note')} name="note" error={errors['note']} />
      <FormMessage form={form} />
      <SubmitButton form={form} label={t('outcome.record.submit')} />
    </form>
  );
}

function ExamResultForm({
  studentId,
  diploma,
  onDone,
}: {
  studentId: string;
  diploma: string | null;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [, record] = useMutation(RecordExamResultDocument);
  const form = useValidatedForm(recordExamResultSchema, async (v) => {
    const res = await record(v);
    if (!res.data) return res;
    onDone();
    return { success: t('outcome.exam.done') };
  });
  const read = (data: FormData) => {
    const passed = data.get('passed');
    return {
      studentId,
      diploma: data.get('diploma'),
      passed: passed === 'yes' ? true : passed === 'no' ? false : undefined,
    };
  };
  const { errors } = form;
  const passedErrorId = useId();
  return (
    <form className="form" {...form.props(read)} data-testid="exam-result-form">
      <SelectField
        label={t('outcome.exam.diploma')}
        name="diploma"
        defaultValue={diploma ?? ''}
        placeholder={t('outcome.exam.chooseDiploma')}
        options={DIPLOMA_LEVELS.map((d) => ({ value: d, label: labelOf(DIPLOMA_LEVEL_LABELS, d, locale) }))}
        error={errors['diploma']}
      />
      <fieldset
        className={`checks${errors['passed'] ? ' field--invalid' : ''}`}
        aria-describedby={errors['passed'] ? passedErrorId : undefined}
      >
        <legend>{t('outcome.exam.result')}</legend>
        {errors['passed'] ? (
          <p id={passedErrorId} className="field__error">
            {errors['passed']}
          </p>
        ) : null}
        <label className="check">
          <input type="radio" name="passed" value="yes" aria-invalid={errors['passed'] ? true : undefined} />{' '}
          {t('outcome.exam.passed')}
        </label>
        <label className="check">
          <input type="radio" name="passed" value="no" aria-invalid={errors['passed'] ? true : undefined} />{' '}
          {t('outcome.exam.failed')}
        </label>
      </fieldset>
      <FormMessage form={form} />
      <SubmitButton form={form} label={t('outcome.exam.submit')} />
    </form>
  );
}

function OffPlatformPromiseForm({ studentId, onDone }: { studentId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [, record] = useMutation(RecordOffPlatformPromiseDocument);
  const form = useValidatedForm(recordOffPlatformPromiseSchema, async (v, formEl) => {
    const res = await record({
      studentId: v.studentId,
      companyName: v.companyName,
      date: v.date.toISOString(),
      note: v.note ?? null,
    });
    if (!res.data) return res;
    formEl.reset();
    onDone();
    return { success: t('outcome.ledger.done') };
  });
  const read = (data: FormData) => ({
    studentId,
    companyName: data.get('companyName'),
    date: data.get('date'),
    note: data.get('note'),
  });
  const { errors } = form;
  return (
    <form className="form" {...form.props(read)} data-testid="off-platform-promise-form">
      <FormField label={t('outcome.col.company')} name="companyName" required error={errors['companyName']} />
      <FormField
        label={t('outcome.ledger.date')}
        name="date"
        type="date"
        required
        max={toDateInput(new Date().toISOString())}
        error={errors['date']}
      />
      <FormField label={t('outcome.record.note')} name="note" error={errors['note']} />
      <FormMessage form={form} />
      <SubmitButton form={form} label={t('outcome.ledger.submit')} />
    </form>
  );
}
