import { Fragment } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatDateTime } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { DataTable } from '../../components/table-wrap';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';

const AdminOperationsDocument = graphql(`
  query AdminOperations {
    mailQueueStatus {
      pending
      retrying
      sent
      suppressed
      dead
      oldestPendingAt
    }
    mailDeadLetters(first: 50) {
      id
      template
      recipient
      attempts
      lastError
      failedAt
    }
    scheduledJobs {
      name
      schedule
      lastRunAt
      lastFinishedAt
      nextRunAt
      failCount
      failReason
      running
    }
  }
`);

const RetryDeadLetterDocument = graphql(`
  mutation RetryMailDeadLetter($id: ID!) {
    retryMailDeadLetter(id: $id) {
      id
    }
  }
`);

/**
 * What the federation admin watches of the background work (issue 14): the outgoing mail queue, the messages given
 * up on (sent again on demand) and the scheduled jobs shared by every instance.
 */
export function AdminOperations() {
  const { t, locale } = useI18n();
  const [result, reexecute] = useQuery({ query: AdminOperationsDocument, requestPolicy: 'cache-and-network' });
  const [retrying, retry] = useMutation(RetryDeadLetterDocument);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, locale) : '—');

  if (result.error) return <ErrorState error={result.error} onRetry={refresh} />;
  if (!result.data) return <LoadingState />;
  const { mailQueueStatus: queue, mailDeadLetters: dead, scheduledJobs: jobs } = result.data;
  return (
    <div aria-busy={result.fetching}>
      <h3 id="mail-queue">{t('admin.operations.queueTitle')}</h3>
      <dl className="details" aria-labelledby="mail-queue" data-testid="mail-queue">
        {(['pending', 'retrying', 'sent', 'suppressed', 'dead'] as const).map((state) => (
          <Fragment key={state}>
            <dt>{t(`admin.operations.queue.${state}`)}</dt>
            <dd>{queue[state].toLocaleString(locale)}</dd>
          </Fragment>
        ))}
        <dt>{t('admin.operations.queue.oldestPendingAt')}</dt>
        <dd>{when(queue.oldestPendingAt)}</dd>
      </dl>

      <h3>{t('admin.operations.deadTitle')}</h3>
      {retrying.error ? <ErrorState error={retrying.error} /> : null}
      {dead.length === 0 ? (
        <EmptyState title={t('admin.operations.deadEmptyTitle')}>
          <p>{t('admin.operations.deadEmpty')}</p>
        </EmptyState>
      ) : (
        <DataTable
          label={t('admin.operations.deadTitle')}
          testId="dead-letters"
          columns={[
            t('admin.operations.template'),
            t('admin.operations.recipient'),
            t('admin.operations.attempts'),
            t('admin.operations.failedAt'),
            t('admin.operations.lastError'),
            { label: t('admin.operations.actions'), hidden: true },
          ]}
        >
          {dead.map((letter) => (
            <tr key={letter.id}>
              <th scope="row">{letter.template}</th>
              <td>{letter.recipient}</td>
              <td>{letter.attempts}</td>
              <td>{when(letter.failedAt)}</td>
              <td>{letter.lastError ?? '—'}</td>
              <td>
                <button
                  type="button"
                  className="button button--secondary button--compact"
                  disabled={retrying.fetching}
                  onClick={() => void retry({ id: letter.id }).then((res) => res.data && refresh())}
                >
                  {t('admin.operations.retry')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h3>{t('admin.operations.jobsTitle')}</h3>
      <DataTable
        label={t('admin.operations.jobsTitle')}
        testId="scheduled-jobs"
        columns={[
          t('admin.operations.job'),
          t('admin.operations.schedule'),
          t('admin.operations.lastRunAt'),
          t('admin.operations.nextRunAt'),
          t('admin.operations.state'),
        ]}
      >
        {jobs.map((job) => (
          <tr key={job.name}>
            <th scope="row">{job.name}</th>
            <td>{job.schedule ?? '—'}</td>
            <td>{when(job.lastFinishedAt ?? job.lastRunAt)}</td>
            <td>{when(job.nextRunAt)}</td>
            <td>
              {job.running
                ? t('admin.operations.running')
                : job.failCount > 0
                  ? t('admin.operations.failed', { count: job.failCount, reason: job.failReason ?? '' })
                  : t('admin.operations.ok')}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
