import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  APPLICATION_SOURCE_LABELS,
  APPLICATION_STATUSES,
  CONTRACT_TYPE_LABELS,
  DIPLOMA_LEVEL_LABELS,
  JOB_PROMISE_STATUS_LABELS,
  allowedJobPromiseMoves,
  labelOf,
  moveApplicationSchema,
  moveLabel,
  moveRequiresReason,
  RECOMMENDATION_STATUS_LABELS,
  statusLabelFor,
  TRADE_LABELS,
  type ApplicationStatus,
  type JobPromiseAction,
} from '@promesse/shared';
import { TextAreaField } from '../../components/form-field';
import { ApplicantContact } from '../../components/applicant-contact';
import { useConfirm, type ConfirmOptions } from '../../components/confirm-dialog';
import { errorCodeOf } from '../../lib/errors/errors.map';
import { NotFoundPage } from '../errors/not-found.page';
import { ActionError } from '../../components/action-error';
import { errorText } from '../../components/form-errors';
import { formValues } from '../../components/form-values';
import { formatDate, formatPercent } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLiveRefresh } from '../../components/use-live-refresh';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import type { CompanyPromiseQuery } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { ApplicantHiring } from './company.hiring';
import { PromiseEditHistory } from './company.promise-history';
import {
  CloseJobPromiseDocument,
  CompanyMoveApplicationDocument,
  CompanyPromiseDocument,
  MatchingGraduatesDocument,
  PublishJobPromiseDocument,
} from './company.documents';
import { studentName } from '../../components/format';

type PromiseDetail = NonNullable<CompanyPromiseQuery['jobPromise']>;
type Applicant = NonNullable<PromiseDetail['applications']>[number];

interface MoveButton {
  label: string;
  primary?: boolean;
  /** Asked first in the app's confirmation dialog (a move that cannot be undone). */
  confirm?: ConfirmOptions;
  run: () => Promise<{ error?: unknown }>;
}

export function CompanyPromisePage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: CompanyPromiseDocument, variables: { id } });
  useLiveRefresh(
    (n) =>
      (n.type === 'APPLICATION_RECEIVED' ||
        n.type === 'APPLICATION_STATUS_CHANGED' ||
        n.type === 'INTERVIEW_ANSWERED' ||
        n.type === 'RECOMMENDATION_RECEIVED') &&
      n.data['jobPromiseId'] === id,
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  const [publishState, publish] = useMutation(PublishJobPromiseDocument);
  const [closeState, close] = useMutation(CloseJobPromiseDocument);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  // The buttons of the company's moves; which of them show comes from the shared machine.
  const moveButtons: Partial<Record<JobPromiseAction, MoveButton>> = {
    publish: { label: t('company.promise.publish'), primary: true, run: () => publish({ id }) },
    close: {
      label: t('company.promise.close'),
      confirm: {
        title: t('company.promise.confirmCloseTitle'),
        body: t('company.promise.confirmClose'),
        confirmLabel: t('company.promise.close'),
        danger: true,
      },
      run: () => close({ id }),
    },
  };
  const promise = result.data?.jobPromise;
  useDocumentTitle(promise?.title ?? t('company.promise.title'));

  if (result.error && !promise) {
    // An unknown or malformed id is a missing page, not a failure.
    const code = errorCodeOf(result.error);
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFoundPage />;
    return (
      <div className="page">
        <h1>{t('company.promise.title')}</h1>
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  if (result.data && !promise) return <NotFoundPage />;
  if (!promise) return <LoadingState />;

  const onMove = async (button: MoveButton) => {
    if (button.confirm && !(await confirm(button.confirm))) return;
    const { run } = button;
    const res = await run();
    setActionError(res.error ? errorText(res.error, locale) : null);
  };
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  return (
    <div className="page page--wide">
      <p className="page__eyebrow">
        <Link to="/entreprise">{t('company.promises.back')}</Link>
      </p>
      <div className="page__head">
        <h1>{promise.title}</h1>
        <p className="status-badge" data-status={promise.status} data-testid="promise-status">
          {labelOf(JOB_PROMISE_STATUS_LABELS, promise.status, locale)}
        </p>
      </div>
      <p className="page__lead">
        {labelOf(TRADE_LABELS, promise.trade, locale)} · {labelOf(CONTRACT_TYPE_LABELS, promise.contractType, locale)} ·{' '}
        {promise.city} · {t('company.promise.positions', { count: promise.positions })} ·{' '}
        {t('company.promises.expires', { date: formatDate(promise.expiresAt, locale) })}
      </p>
      <div className="toolbar">
        {promise.status === 'DRAFT' || promise.status === 'OPEN' ? (
          // A draft is edited freely; an open promise keeps its place, trade, contract and schools.
          <Link className="button button--secondary" to={`/entreprise/promesses/${promise.id}/modifier`}>
            {t('company.promise.edit')}
          </Link>
        ) : null}
        {allowedJobPromiseMoves(promise.status, 'COMPANY').map((action) => {
          const button = moveButtons[action];
          return button ? (
            <button
              key={action}
              type="button"
              className={`button ${button.primary ? 'button--primary' : 'button--secondary'}`}
              disabled={publishState.fetching || closeState.fetching}
              onClick={() => void onMove(button)}
            >
              {button.label}
            </button>
          ) : null;
        })}
      </div>
      <ActionError text={actionError} />
      {confirmDialog}
      {promise.schools.length ? (
        <p>{t('company.promise.schools', { schools: promise.schools.map((s) => s.name).join(', ') })}</p>
      ) : null}

      <section aria-labelledby="applicants">
        <h2 id="applicants">{t('company.board.title')}</h2>
        <ApplicantsBoard applications={promise.applications ?? []} onMoved={refresh} />
      </section>

      <section aria-labelledby="recommended">
        <h2 id="recommended">{t('company.recommended.title')}</h2>
        {promise.recommendations?.length ? (
          <ul className="card-list">
            {promise.recommendations.map((r) => (
              <li key={r.id}>
                <article className="card">
                  <h3 className="promise-card__title">{studentName(r.student.displayName, locale)}</h3>
                  <p className="promise-card__meta">
                    {r.student.trade ? labelOf(TRADE_LABELS, r.student.trade, locale) : ''}
                    {r.student.diplomaLevel
                      ? ` · ${labelOf(DIPLOMA_LEVEL_LABELS, r.student.diplomaLevel, locale)}`
                      : ''}{' '}
                    · {r.school.name} · {formatDate(r.createdAt, locale)}
                  </p>
                  <p className="field__label">{t('company.recommended.note')}</p>
                  <blockquote className="note">{r.note}</blockquote>
                  <p className="status-badge" data-status={r.status}>
                    {labelOf(RECOMMENDATION_STATUS_LABELS, r.status, locale)}
                  </p>
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('company.recommended.empty')}</p>
        )}
      </section>

      {promise.status === 'OPEN' ? <MatchingGraduates jobPromiseId={promise.id} /> : null}
      {promise.status === 'DRAFT' ? (
        <section aria-labelledby="matching-graduates">
          <h2 id="matching-graduates">{t('company.matching.title')}</h2>
          <p>{t('distanceBand.draft')}</p>
        </section>
      ) : null}
      {promise.publishedAt ? <PromiseEditHistory jobPromiseId={promise.id} /> : null}
    </div>
  );
}

function ApplicantsBoard({ applications, onMoved }: { applications: Applicant[]; onMoved: () => void }) {
  const { t, locale } = useI18n();
  if (applications.length === 0) {
    return (
      <EmptyState title={t('company.board.emptyTitle')}>
        <p>{t('company.board.empty')}</p>
      </EmptyState>
    );
  }
  const columns = APPLICATION_STATUSES.map((status) => ({
    status,
    items: applications.filter((a) => a.status === status),
  })).filter((c) => c.items.length > 0 || c.status !== 'WITHDRAWN');
  return (
    <div className="board" data-testid="applicants-board">
      {columns.map((col) => (
        <section
          key={col.status}
          className="board__column"
          aria-labelledby={`col-${col.status}`}
          data-status={col.status}
        >
          <h3 id={`col-${col.status}`} className="board__title">
            {statusLabelFor(col.status, 'COMPANY', locale)} <span className="board__count">({col.items.length})</span>
          </h3>
          {col.items.length ? (
            <ul className="board__list">
              {col.items.map((a) => (
                <li key={a.id}>
                  <ApplicantCard application={a} onMoved={onMoved} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="board__empty">{t('company.board.none')}</p>
          )}
        </section>
      ))}
    </div>
  );
}

function ApplicantCard({ application: a, onMoved }: { application: Applicant; onMoved: () => void }) {
  const { t, locale } = useI18n();
  const [moveState, move] = useMutation(CompanyMoveApplicationDocument);
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const doMove = async (to: ApplicationStatus) => {
    const res = await move({ id: a.id, to, reason: null });
    setError(res.error ? errorText(res.error, locale) : null);
    if (!res.error) onMoved();
  };

  return (
    <article className="card applicant" data-testid="applicant" aria-label={studentName(a.student.displayName, locale)}>
      <h4 className="applicant__name">{studentName(a.student.displayName, locale)}</h4>
      <p className="promise-card__meta">
        {a.student.school.name} · {labelOf(APPLICATION_SOURCE_LABELS, a.source, locale)} ·{' '}
        {formatDate(a.createdAt, locale)}
      </p>
      {a.message ? <blockquote className="note">{a.message}</blockquote> : null}
      <ApplicantContact student={a.student} />
      <p>
        <Link to={`/entreprise/candidatures/${a.id}`} className="button button--secondary button--compact">
          {a.conversation?.unreadCount
            ? t('company.board.messagesUnread', {
                count: a.conversation.unreadCount,
                name: studentName(a.student.displayName, locale),
              })
            : t('company.board.messages', { name: studentName(a.student.displayName, locale) })}
        </Link>
      </p>
      {a.recommendation ? (
        <p className="note">
          {t('company.recommended.note')} : {a.recommendation.note}
        </p>
      ) : null}
      {a.allowedMoves.length ? (
        <div className="toolbar">
          {a.allowedMoves
            // Interviews and offers have their own forms (ApplicantHiring).
            .filter((to) => to !== 'REJECTED' && to !== 'INTERVIEW' && to !== 'OFFERED')
            .map((to) => (
              <button
                key={to}
                type="button"
                className="button button--secondary button--compact"
                disabled={moveState.fetching}
                onClick={() => void doMove(to)}
              >
                {moveLabel(to, locale)}
              </button>
            ))}
          {a.allowedMoves.includes('REJECTED') && !rejecting ? (
            <button
              type="button"
              className="button button--ghost button--compact"
              disabled={moveState.fetching}
              onClick={() => setRejecting(true)}
            >
              {moveLabel('REJECTED', locale)}
            </button>
          ) : null}
        </div>
      ) : null}
      <ApplicantHiring application={a} onDone={onMoved} />
      {rejecting ? (
        <RejectForm
          application={a}
          onRejected={() => {
            setRejecting(false);
            onMoved();
          }}
          onCancel={() => setRejecting(false)}
        />
      ) : null}
      <ActionError text={error} />
    </article>
  );
}

/** The company's refusal, with the reason the student will read (the shared machine says when one is due). */
function RejectForm({
  application,
  onRejected,
  onCancel,
}: {
  application: Applicant;
  onRejected: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const [, move] = useMutation(CompanyMoveApplicationDocument);
  const [confirm, confirmDialog] = useConfirm();
  const schema = moveApplicationSchema.refine(
    (v) => Boolean(v.reason) || !moveRequiresReason(application.status, v.to, 'COMPANY'),
    { path: ['reason'], message: t('company.board.reasonRequired') },
  );
  const form = useValidatedForm(schema, async (input) => {
    const ok = await confirm({
      title: t('company.board.confirmRejectTitle', { name: studentName(application.student.displayName, locale) }),
      body: t('company.board.confirmRejectBody'),
      confirmLabel: t('company.board.confirmReject'),
      danger: true,
    });
    if (!ok) return;
    const res = await move({ id: input.id, to: input.to, reason: input.reason ?? null });
    if (res.error) return res;
    onRejected();
  });

  return (
    <form
      className="form"
      {...form.props((data) => ({ id: application.id, to: 'REJECTED', reason: formValues(data).optional('reason') }))}
    >
      <TextAreaField
        label={t('company.board.reason')}
        name="reason"
        rows={3}
        maxLength={500}
        required
        autoFocus
        error={form.errors['reason']}
      />
      <FormMessage form={form} />
      {confirmDialog}
      <div className="toolbar">
        <SubmitButton form={form} label={t('company.board.confirmReject')} className="button--compact" />
        <button type="button" className="button button--ghost button--compact" onClick={onCancel}>
          {t('company.board.cancel')}
        </button>
      </div>
    </form>
  );
}

function MatchingGraduates({ jobPromiseId }: { jobPromiseId: string }) {
  const { t, locale } = useI18n();
  const [result, reexecute] = useQuery({ query: MatchingGraduatesDocument, variables: { jobPromiseId, first: 10 } });
  const matches = result.data?.matchingGraduates;
  return (
    <section aria-labelledby="matching-graduates">
      <h2 id="matching-graduates">{t('company.matching.title')}</h2>
      <p>{t('company.matching.lead')}</p>
      {result.error && !matches ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !matches ? (
        <LoadingState />
      ) : matches.length === 0 ? (
        <p>{t('company.matching.empty')}</p>
      ) : (
        <ul className="card-list" data-testid="matching-graduates">
          {matches.map((m) => (
            <li key={m.student.id}>
              <article className="card">
                <h3 className="promise-card__title">{studentName(m.student.displayName, locale)}</h3>
                <p className="promise-card__meta">
                  {m.student.trade ? labelOf(TRADE_LABELS, m.student.trade, locale) : ''}
                  {m.student.diplomaLevel
                    ? ` · ${labelOf(DIPLOMA_LEVEL_LABELS, m.student.diplomaLevel, locale)}`
                    : ''}{' '}
                  · {m.student.school.name}
                  {m.student.availableFrom
                    ? ` · ${t('company.matching.available', { date: formatDate(m.student.availableFrom, locale) })}`
                    : ''}
                </p>
                <p className="match__value">{t('student.home.score', { score: formatPercent(m.score, locale) })}</p>
                {/* A company sees a band of distance only (issue 13), measured from the student's town. */}
                <p className="promise-card__meta" title={t('distanceBand.hint')}>
                  {t('distanceBand.label', {
                    band: m.distanceBand ? t(`distanceBand.${m.distanceBand}`) : t('distanceBand.unknown'),
                  })}
                </p>
                <ul className="match__reasons" aria-label={t('student.home.reasons')}>
                  {m.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
