import { useState } from 'react';
import { useI18n } from '../lib/i18n/i18n';
import { errorText } from './form-errors';

/** The failure of a button's operation (publish, accept, request…), shown where the button is. */
export function ActionError({ text }: { text: string | null | undefined }) {
  return text ? (
    <p className="alert alert--error" role="alert">
      {text}
    </p>
  ) : null;
}

/** Errors of per-item buttons in a list, each kept under its item's id until that item's next operation. */
export function useItemErrors() {
  const { locale } = useI18n();
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  return {
    errorOf: (id: string) => errors[id],
    /** Records how an operation on item `id` ended (a success clears its error). */
    report: (id: string, result: { error?: unknown }) =>
      setErrors((e) => ({ ...e, [id]: result.error ? errorText(result.error, locale) : '' })),
  };
}
