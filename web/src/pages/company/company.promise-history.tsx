import { useQuery } from 'urql';
import { formatDate, formatDateTime } from '../../components/format';
import { ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { PromiseEditHistoryDocument } from './company.hiring.documents';

const DATE_FIELDS = new Set(['startDate', 'expiresAt']);

/** The edits made to a published promise: who, when, which fields, before and after (the company's own record). */
export function PromiseEditHistory({ jobPromiseId }: { jobPromiseId: string }) {
  const { t, locale } = useI18n();
  const [result, reexecute] = useQuery({ query: PromiseEditHistoryDocument, variables: { id: jobPromiseId } });
  const edits = result.data?.jobPromise?.editHistory;
  const value = (field: string, v: string | null | undefined) =>
    v == null || v === '' ? '—' : DATE_FIELDS.has(field) ? formatDate(v, locale) : v;
  return (
    <section aria-labelledby="edit-history">
      <h2 id="edit-history">{t('hiring.history.title')}</h2>
      {result.error && !edits ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !edits ? (
        <LoadingState />
      ) : edits.length === 0 ? (
        <p>{t('hiring.history.empty')}</p>
      ) : (
        <ol className="card-list" data-testid="edit-history">
          {edits.map((e) => (
            <li key={e.id}>
              <article className="card">
                <p className="promise-card__meta">
                  {t('hiring.history.by', { name: e.byName, at: formatDateTime(e.at, locale) })} ·{' '}
                  {t('hiring.history.notified', { count: e.notifiedCount })}
                </p>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('hiring.history.field')}</th>
                      <th scope="col">{t('hiring.history.before')}</th>
                      <th scope="col">{t('hiring.history.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.changes.map((c) => (
                      <tr key={c.field}>
                        <th scope="row">{t(`hiring.fields.${c.field}`, { defaultValue: c.field })}</th>
                        <td>{value(c.field, c.before)}</td>
                        <td>{value(c.field, c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
