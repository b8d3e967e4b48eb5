import { useRef, useState, type FormEvent, type RefObject } from 'react';
import type * as z from 'zod';
import { useI18n } from '../lib/i18n/i18n';
import { mutationErrors, zodErrors, type FieldErrors } from './form-errors';

/** What `submit` reports back; nothing when it handled success itself (e.g. it navigated away). */
export type SubmitResult = void | {
  /** The failed operation's error (urql's `result.error`): its fieldIssues go to the fields, its message to the alert. */
  error?: unknown;
  /** The alert's text instead of the error's own message. */
  alert?: string | undefined;
  /** Shown in a status message once saved. */
  success?: string;
};

export interface ValidatedFormOptions {
  /** Rewrites the schema's messages before they show (e.g. "required" for an unanswered select). */
  adjustErrors?: (errors: FieldErrors, data: FormData) => FieldErrors;
}

export interface FormMessageState {
  tone: 'error' | 'success';
  text: string;
}

export interface ValidatedForm {
  /** Messages per field, by dotted path and its parents (`location.lat` and `location`). */
  errors: FieldErrors;
  /** The alert (failure not tied to a field) or the success status. */
  message: FormMessageState | null;
  messageRef: RefObject<HTMLDivElement | null>;
  submitting: boolean;
  /** Props of the <form>: `read` turns its data into the schema's input. */
  props(read: (data: FormData) => unknown): {
    ref: RefObject<HTMLFormElement | null>;
    noValidate: true;
    'aria-busy': boolean;
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
}

/**
 * The one submit sequence of every form: validate with the shared zod schema (the API's own rules and messages)
 * → submit → put the API's fieldIssues on their fields → move focus to the first invalid field, or to the alert
 * when the failure is not tied to a field, or to the success message.
 */
export function useValidatedForm<S extends z.ZodType>(
  schema: S,
  submit: (values: z.output<S>, form: HTMLFormElement) => Promise<SubmitResult>,
  options: ValidatedFormOptions = {},
): ValidatedForm {
  const { locale } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessageState | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const show = (fields: FieldErrors, next: FormMessageState | null) => {
    setErrors(fields);
    setMessage(next);
    // After React drew the messages, so that the field is invalid (and described) when it gets focus.
    requestAnimationFrame(() => {
      const field =
        next?.tone === 'success' ? null : formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      (field ?? messageRef.current)?.focus();
    });
  };

  const run = async (form: HTMLFormElement, read: (data: FormData) => unknown) => {
    const data = new FormData(form);
    const parsed = schema.safeParse(read(data));
    if (!parsed.success) {
      const invalid = zodErrors(parsed.error);
      show(options.adjustErrors?.(invalid.fields, data) ?? invalid.fields, invalid.form ? error(invalid.form) : null);
      return;
    }
    setSubmitting(true);
    let result: SubmitResult;
    try {
      result = await submit(parsed.data, form);
    } finally {
      setSubmitting(false);
    }
    if (result?.error || result?.alert) {
      const mapped = result.error ? mutationErrors(result.error, locale) : null;
      show(mapped?.fields ?? {}, error(result.alert ?? mapped?.form ?? ''));
    } else if (result?.success) {
      show({}, { tone: 'success', text: result.success });
    } else {
      setErrors({});
      setMessage(null);
    }
  };

  return {
    errors,
    message,
    messageRef,
    submitting,
    props: (read) => ({
      ref: formRef,
      noValidate: true,
      'aria-busy': submitting,
      onSubmit: (event) => {
        event.preventDefault();
        if (!submitting) void run(event.currentTarget, read);
      },
    }),
  };
}

function error(text: string): FormMessageState {
  return { tone: 'error', text };
}

/** The form's alert or success status; it takes focus when it is what the user must read next. */
export function FormMessage({
  form,
  testId,
  className,
}: {
  form: Pick<ValidatedForm, 'message' | 'messageRef'>;
  testId?: string;
  className?: string;
}) {
  if (!form.message) return null;
  const { tone, text } = form.message;
  return (
    <div
      ref={form.messageRef}
      tabIndex={-1}
      className={`alert alert--${tone}${className ? ` ${className}` : ''}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {text}
    </div>
  );
}

/** The form's submit button: disabled while the form submits, with `busyLabel` then when given. */
export function SubmitButton({
  form,
  label,
  busyLabel,
  className,
}: {
  form: Pick<ValidatedForm, 'submitting'>;
  label: string;
  busyLabel?: string;
  className?: string;
}) {
  return (
    <button
      type="submit"
      className={`button button--primary${className ? ` ${className}` : ''}`}
      disabled={form.submitting}
    >
      {form.submitting && busyLabel ? busyLabel : label}
    </button>
  );
}
