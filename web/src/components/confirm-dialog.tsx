import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n';
import { TextAreaField } from './form-field';

// The app's confirmation for irreversible actions (close a promise, decline a recommendation, refuse an applicant,
// withdraw an application), instead of window.confirm: worded and styled like the app, in its language.
// A native <dialog> opened with showModal(): the browser makes the rest of the page inert (focus stays inside, the
// page cannot be clicked nor read by screen readers), Escape fires `cancel`, and focus returns to the button that
// opened it when it closes. Labelled by its title, described by its text; the safe choice (cancel) has the focus.

export interface ConfirmOptions {
  title: string;
  body?: ReactNode;
  /** The button that does it ("Clôturer la promesse"). */
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive action is shown as such. */
  danger?: boolean;
  /** Asks for an optional reason in the dialog (declining an offer, cancelling an interview). */
  reason?: { label: string; maxLength?: number };
}

/** What a confirmation with a reason resolves to: null when cancelled. */
export interface Confirmed {
  reason: string | undefined;
}

interface Pending extends ConfirmOptions {
  resolve: (answer: Confirmed | null) => void;
}

/**
 * `const [confirm, dialog] = useConfirm();` then render `{dialog}` and `if (!(await confirm({...}))) return;`.
 * Resolves true when confirmed, false when cancelled (button, Escape).
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [ask, dialog] = useConfirmWithReason();
  const confirm = useCallback(async (options: ConfirmOptions) => (await ask(options)) !== null, [ask]);
  return [confirm, dialog];
}

/**
 * As useConfirm, with the typed reason (options.reason shows its field): `const answer = await ask({...})`, null when
 * cancelled, else `{ reason }` (undefined when left blank).
 */
export function useConfirmWithReason(): [(options: ConfirmOptions) => Promise<Confirmed | null>, ReactNode] {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback(
    (options: ConfirmOptions) =>
      new Promise<Confirmed | null>((resolve) => {
        setPending({ ...options, resolve });
      }),
    [],
  );
  const settle = useCallback(
    (ok: boolean, reason?: string) => {
      pending?.resolve(ok ? { reason: reason?.trim() || undefined } : null);
      setPending(null);
    },
    [pending],
  );
  const dialog = pending ? <ConfirmDialog {...pending} onClose={settle} /> : null;
  return [ask, dialog];
}

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  cancelLabel,
  danger,
  reason,
  onClose,
}: ConfirmOptions & { onClose: (ok: boolean, reason?: string) => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [reasonText, setReasonText] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={body ? bodyId : undefined}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        // Escape: close through React state, so the promise resolves once.
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId} className="confirm-dialog__title">
        {title}
      </h2>
      {body ? (
        <div id={bodyId} className="confirm-dialog__body">
          {body}
        </div>
      ) : null}
      {reason ? (
        <TextAreaField
          label={reason.label}
          rows={3}
          maxLength={reason.maxLength ?? 2000}
          value={reasonText}
          onChange={(e) => setReasonText(e.currentTarget.value)}
        />
      ) : null}
      <div className="toolbar confirm-dialog__actions">
        <button ref={cancelRef} type="button" className="button button--secondary" onClick={() => onClose(false)}>
          {cancelLabel ?? t('confirm.cancel')}
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          onClick={() => onClose(true, reasonText)}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
