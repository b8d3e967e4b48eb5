import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';

/** What ties a control to its label, hint and error: spread it on the input, select or textarea. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The props every field shares (the control's own attributes come on top). */
export interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  className?: string | undefined;
}

/**
 * Label, hint and error tied to the control by id, so assistive tech reads them with the field. Every field of
 * the app (text, select, textarea, town) is drawn by this one shell.
 */
export function FieldShell({
  label,
  hint,
  error,
  className,
  children,
}: FieldProps & { children: (control: FieldControlProps) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

interface FormFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | keyof FieldProps> {
  ref?: Ref<HTMLInputElement>;
}

export function FormField({ label, hint, error, className, ref, ...input }: FormFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(control) => <input ref={ref} className="field__input" {...input} {...control} />}
    </FieldShell>
  );
}

interface TextAreaFieldProps
  extends FieldProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | keyof FieldProps> {
  ref?: Ref<HTMLTextAreaElement>;
}

/** FormField's counterpart for long text. */
export function TextAreaField({ label, hint, error, className, ref, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea ref={ref} className="field__input" {...textarea} {...control} />}
    </FieldShell>
  );
}
