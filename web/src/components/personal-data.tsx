import { useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { authStore } from '../lib/auth/auth.store';
import { LOGIN_PATH } from '../lib/auth/auth.routes';
import { downloadPersonalData } from '../lib/files/files.client';
import { useI18n } from '../lib/i18n/i18n';
import { ActionError } from './action-error';
import { useConfirm } from './confirm-dialog';
import { errorText } from './form-errors';
import { FormField } from './form-field';
import { LoadingState } from './states';

// The personal data rights (RGPD, issue 18) on the student's profile page and on the staff's page of a student:
// download everything as a ZIP, delete the account. Deleting goes through the app's confirmation dialog; the
// student types their password in it (a session left open on a shared computer is not enough).

const DeleteMyAccountDocument = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password)
  }
`);

const DeleteStudentDocument = graphql(`
  mutation DeleteStudent($studentId: ID!) {
    deleteStudent(studentId: $studentId)
  }
`);

/** The password field inside the dialog: its own state, reported to the section through `onChange`. */
function DialogPassword({ onChange }: { onChange: (value: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  return (
    <FormField
      label={t('privacy.password')}
      type="password"
      name="password"
      autoComplete="current-password"
      required
      value={value}
      data-testid="delete-account-password"
      onChange={(e) => {
        setValue(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}

function useExport(studentId?: string) {
  const { locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await downloadPersonalData(studentId);
      setDone(true);
    } catch (e) {
      setError(errorText(e, locale));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}

/** The student's own section: export, and delete with their password. */
export function MyPersonalDataSection() {
  const { t, locale } = useI18n();
  const titleId = useId();
  const navigate = useNavigate();
  const exporter = useExport();
  const [confirm, dialog] = useConfirm();
  const password = useRef('');
  const [deleting, deleteAccount] = useMutation(DeleteMyAccountDocument);
  const [error, setError] = useState<string | null>(null);

  const onDelete = async () => {
    setError(null);
    password.current = '';
    const ok = await confirm({
      title: t('privacy.confirmDeleteTitle'),
      body: (
        <>
          <p>{t('privacy.confirmDeleteBody')}</p>
          <DialogPassword onChange={(v) => (password.current = v)} />
        </>
      ),
      confirmLabel: t('privacy.confirmDelete'),
      danger: true,
    });
    if (!ok) return;
    if (!password.current) {
      setError(t('privacy.passwordRequired'));
      return;
    }
    const result = await deleteAccount({ password: password.current });
    password.current = '';
    if (result.error || !result.data?.deleteMyAccount) {
      setError(errorText(result.error, locale));
      return;
    }
    // The account no longer exists: end the session here (the server already forgot it).
    authStore.signOut('user', { tellServer: false });
    void navigate(LOGIN_PATH, { replace: true });
  };

  return (
    <section className="card" aria-labelledby={titleId} data-testid="personal-data">
      <h2 id={titleId}>{t('privacy.dataTitle')}</h2>
      <p>{t('privacy.dataLead')}</p>
      <p className="field__hint">{t('privacy.exportHint')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button button--secondary"
          disabled={exporter.busy}
          onClick={() => void exporter.run()}
        >
          {t('privacy.export')}
        </button>
      </div>
      {exporter.busy ? <LoadingState label={t('privacy.exporting')} /> : null}
      <ActionError text={exporter.error} />
      <p role="status" className="field__hint">
        {exporter.done ? t('privacy.exported') : ''}
      </p>
      <p className="field__hint">{t('privacy.deleteHint')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button button--danger"
          disabled={deleting.fetching}
          onClick={() => void onDelete()}
        >
          {t('privacy.delete')}
        </button>
      </div>
      {deleting.fetching ? <LoadingState label={t('privacy.deleting')} /> : null}
      <ActionError text={error} />
      {dialog}
    </section>
  );
}

/** Staff, on the page of one of their students: export their data, delete their account. */
export function StudentPersonalDataSection({ studentId, name }: { studentId: string; name: string }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const navigate = useNavigate();
  const exporter = useExport(studentId);
  const [confirm, dialog] = useConfirm();
  const [deleting, deleteStudent] = useMutation(DeleteStudentDocument);
  const [error, setError] = useState<string | null>(null);

  const onDelete = async () => {
    setError(null);
    const ok = await confirm({
      title: t('privacy.confirmStaffDeleteTitle', { name }),
      body: <p>{t('privacy.confirmStaffDeleteBody')}</p>,
      confirmLabel: t('privacy.confirmDelete'),
      danger: true,
    });
    if (!ok) return;
    const result = await deleteStudent({ studentId });
    if (result.error || !result.data?.deleteStudent) {
      setError(errorText(result.error, locale));
      return;
    }
    void navigate('/ecole', { replace: true });
  };

  return (
    <section className="card" aria-labelledby={titleId} data-testid="student-personal-data">
      <h2 id={titleId}>{t('privacy.staffTitle')}</h2>
      <p>{t('privacy.staffLead')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button button--secondary"
          disabled={exporter.busy}
          onClick={() => void exporter.run()}
        >
          {t('privacy.staffExport')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={deleting.fetching}
          onClick={() => void onDelete()}
        >
          {t('privacy.staffDelete')}
        </button>
      </div>
      {exporter.busy ? <LoadingState label={t('privacy.exporting')} /> : null}
      {deleting.fetching ? <LoadingState label={t('privacy.deleting')} /> : null}
      <ActionError text={exporter.error ?? error} />
      <p role="status" className="field__hint">
        {exporter.done ? t('privacy.exported') : ''}
      </p>
      {dialog}
    </section>
  );
}
