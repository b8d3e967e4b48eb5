import { useState } from 'react';
import { useMutation } from 'urql';
import { formatDate } from '../../components/format';
import { InvitationLink } from '../../components/invitation-link';
import { TableWrap } from '../../components/table-wrap';
import { graphql, type ImportStudentsMutation } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';

const ImportStudentsDocument = graphql(`
  mutation ImportStudents($input: ImportStudentsInput!) {
    importStudents(input: $input) {
      lines {
        line
        email
        firstName
        lastName
      }
      problems {
        line
        message
        reason
      }
      imported {
        code
        expiresAt
        student {
          line
          email
        }
      }
    }
  }
`);

type ImportResult = ImportStudentsMutation['importStudents'];

/**
 * Bulk invitation of students from a CSV (e-mail, first name, last name): "Vérifier" previews every line with its
 * problem, "Importer" writes all the invitations or none; then each invitation's link, copy button and QR code.
 */
export function StudentImport({ onImported }: { onImported: () => void }) {
  const { t, locale } = useI18n();
  const [, run] = useMutation(ImportStudentsDocument);
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    const res = await run({ input: { csv, dryRun } });
    setBusy(false);
    if (res.error || !res.data) {
      setError(res.error?.graphQLErrors[0]?.message ?? res.error?.message ?? null);
      return;
    }
    setResult(res.data.importStudents);
    if (res.data.importStudents.imported.length > 0) onImported();
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setResult(null);
  };
  const problemsByLine = new Map((result?.problems ?? []).map((p) => [p.line, p.message]));
  const fileProblem = problemsByLine.get(0);

  return (
    <div className="form" data-testid="student-import">
      <div className="field">
        <label className="field__label" htmlFor="import-file">
          {t('school.import.file')}
        </label>
        <p className="field__hint" id="import-file-hint">
          {t('school.import.hint')}
        </p>
        <input
          id="import-file"
          className="field__input"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby="import-file-hint"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="import-csv">
          {t('school.import.text')}
        </label>
        <textarea
          id="import-csv"
          className="field__input"
          rows={6}
          value={csv}
          onChange={(e) => {
            setCsv(e.target.value);
            setResult(null);
          }}
        />
      </div>
      <p className="toolbar">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || !csv.trim()}
          onClick={() => void submit(true)}
        >
          {t('school.import.check')}
        </button>
        <button type="button" className="button" disabled={busy || !csv.trim()} onClick={() => void submit(false)}>
          {t('school.import.submit')}
        </button>
      </p>
      <div role="status" aria-live="polite" data-testid="import-status">
        {error ? <p className="alert alert--error">{error}</p> : null}
        {result && result.problems.length > 0 ? (
          <p className="alert alert--error">{t('school.import.problems', { count: result.problems.length })}</p>
        ) : result && result.imported.length > 0 ? (
          <p className="alert alert--success">{t('school.import.done', { count: result.imported.length })}</p>
        ) : result ? (
          <p className="alert alert--success">{t('school.import.ready', { count: result.lines.length })}</p>
        ) : null}
      </div>
      {fileProblem ? <p className="field__error">{fileProblem}</p> : null}
      {result && result.imported.length === 0 && (result.lines.length > 0 || problemsByLine.size > 0) ? (
        <TableWrap label={t('school.import.preview')}>
          <table className="table" data-testid="import-preview">
            <caption className="visually-hidden">{t('school.import.preview')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('school.import.line')}</th>
                <th scope="col">{t('school.inviteEmail')}</th>
                <th scope="col">{t('school.colName')}</th>
                <th scope="col">{t('school.import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {[
                ...result.lines.map((l) => ({ ...l, problem: problemsByLine.get(l.line) })),
                ...result.problems
                  .filter((p) => p.line > 0 && !result.lines.some((l) => l.line === p.line))
                  .map((p) => ({ line: p.line, email: '', firstName: null, lastName: null, problem: p.message })),
              ]
                .sort((a, b) => a.line - b.line)
                .map((row) => (
                  <tr key={row.line} data-problem={row.problem ? 'true' : undefined}>
                    <th scope="row">{row.line}</th>
                    <td>{row.email || '—'}</td>
                    <td>{[row.firstName, row.lastName].filter(Boolean).join(' ') || '—'}</td>
                    <td>{row.problem ?? t('school.import.ok')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {result && result.imported.length > 0 ? (
        <ul className="card-list" data-testid="import-invitations">
          {result.imported.map((i) => (
            <li key={i.code} className="card">
              <p>
                <strong>{i.student.email}</strong> ·{' '}
                {t('school.import.until', { date: formatDate(i.expiresAt, locale) })}
              </p>
              <InvitationLink code={i.code} email={i.student.email} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
