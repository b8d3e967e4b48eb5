import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n';
import { errorText } from './form-errors';

/** Polite live region: announced by screen readers without stealing focus. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <section className="state state--empty" aria-label={title}>
      <h2 className="state__title">{title}</h2>
      {children ? <div className="state__body">{children}</div> : null}
      {action ? <div className="state__action">{action}</div> : null}
    </section>
  );
}

/** Shows the French (or English) message mapped from the API's `extensions.code`, never a raw stack. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="state state--error" role="alert">
      <h2 className="state__title">{title ?? t('state.errorTitle')}</h2>
      <p className="state__body">{errorText(error, locale)}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}
