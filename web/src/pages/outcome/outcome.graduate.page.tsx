import { useRef, useState, type FormEvent } from 'react';
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
  makeRecordExitOutcomeSchema,
  makeRecordOffPlatformPromiseSchema,
  recordExamResultSchema,
  TRADE_LABELS,
  type ExitOutcome,
} from '@promesse/shared';
import { focusFirstInvalid, mutationErrors, zodFieldErrors } from '../../components/form-errors';
import { FormField } from '../../components/form-field';
import { formatDate, toDateInput } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
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
  useDocumentTitle(student ? t('outcome.graduate.title', { name: student.displayName }) : t('outcome.schoolTitle'));
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
      <h1>{t('outcome.graduate.title', { name: student.displayName })}</h1>
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
  const form = useRef<HTMLFormElement>(null);
  const [outcome, setOutcome] = useState<ExitOutcome>(current ?? 'EMPLOYED');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [state, record] = useMutation(RecordExitOutcomeDocument);
  const employed = outcome === 'EMPLOYED';
  const withCompany = employed || outcome === 'APPRENTICESHIP';

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const parsed = makeRecordExitOutcomeSchema().safeParse({
      studentId,
      outcome,
      companyName: withCompany ? f.get('companyName') : null,
      contractType: employed ? f.get('contractType') : null,
      startDate: f.get('startDate'),
      note: f.get('note'),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      setMessage(null);
      focusFirstInvalid(form.current);
      return;
    }
    setErrors({});
    const v = parsed.data;
    const r = await record({
      input: {
        studentId: v.studentId,
        outcome: v.outcome,
        companyName: v.companyName ?? null,
        contractType: v.contractType ?? null,
        startDate: iso(v.startDate),
        note: v.note ?? null,
      },
    });
    if (r.error) {
      const mapped = mutationErrors(r.error, locale);
      setErrors(mapped.fields);
      setMessage({ ok: false, text: mapped.form });
      return;
    }
    setMessage({ ok: true, text: t('outcome.record.done') });
    onDone();
  };

  return (
    <form
      ref={form}
      className="form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-busy={state.fetching}
      data-testid="exit-outcome-form"
    >
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
      {message ? (
        <div
          className={`alert ${message.ok ? 'alert--success' : 'alert--error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={state.fetching}>
        {t('outcome.record.submit')}
      </button>
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [state, record] = useMutation(RecordExamResultDocument);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const passed = f.get('passed');
    const parsed = recordExamResultSchema.safeParse({
      studentId,
      diploma: f.get('diploma'),
      passed: passed === 'yes' ? true : passed === 'no' ? false : undefined,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const r = await record(parsed.data);
    if (r.error) {
      const mapped = mutationErrors(r.error, locale);
      setErrors(mapped.fields);
      setMessage({ ok: false, text: mapped.form });
      return;
    }
    setMessage({ ok: true, text: t('outcome.exam.done') });
    onDone();
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-busy={state.fetching}
      data-testid="exam-result-form"
    >
      <SelectField
        label={t('outcome.exam.diploma')}
        name="diploma"
        defaultValue={diploma ?? ''}
        placeholder={t('outcome.exam.chooseDiploma')}
        options={DIPLOMA_LEVELS.map((d) => ({ value: d, label: labelOf(DIPLOMA_LEVEL_LABELS, d, locale) }))}
        error={errors['diploma']}
      />
      <fieldset className="checks">
        <legend>{t('outcome.exam.result')}</legend>
        {errors['passed'] ? <p className="field__error">{errors['passed']}</p> : null}
        <label className="check">
          <input type="radio" name="passed" value="yes" /> {t('outcome.exam.passed')}
        </label>
        <label className="check">
          <input type="radio" name="passed" value="no" /> {t('outcome.exam.failed')}
        </label>
      </fieldset>
      {message ? (
        <div
          className={`alert ${message.ok ? 'alert--success' : 'alert--error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={state.fetching}>
        {t('outcome.exam.submit')}
      </button>
    </form>
  );
}

function OffPlatformPromiseForm({ studentId, onDone }: { studentId: string; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [state, record] = useMutation(RecordOffPlatformPromiseDocument);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    const parsed = makeRecordOffPlatformPromiseSchema().safeParse({
      studentId,
      companyName: f.get('companyName'),
      date: f.get('date'),
      note: f.get('note'),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const v = parsed.data;
    const r = await record({
      studentId: v.studentId,
      companyName: v.companyName,
      date: v.date.toISOString(),
      note: v.note ?? null,
    });
    if (r.error) {
      const mapped = mutationErrors(r.error, locale);
      setErrors(mapped.fields);
      setMessage({ ok: false, text: mapped.form });
      return;
    }
    setMessage({ ok: true, text: t('outcome.ledger.done') });
    formEl.reset();
    onDone();
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-busy={state.fetching}
      data-testid="off-platform-promise-form"
    >
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
      {message ? (
        <div
          className={`alert ${message.ok ? 'alert--success' : 'alert--error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={state.fetching}>
        {t('outcome.ledger.submit')}
      </button>
    </form>
  );
}
