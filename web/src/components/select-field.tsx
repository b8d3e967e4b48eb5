import type { Ref, SelectHTMLAttributes } from 'react';
import { FieldShell, type FieldProps } from './form-field';

export interface SelectOption {
  value: string;
  label: string;
  /** Shown but not choosable (say why in the label). */
  disabled?: boolean;
}

interface SelectFieldProps extends FieldProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | keyof FieldProps> {
  options: readonly SelectOption[];
  /** First, empty option (e.g. "Tous les métiers"); omitted when a value is required. */
  placeholder?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** A <select> in the same field shell as FormField. */
export function SelectField({ label, hint, error, className, options, placeholder, ref, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select ref={ref} className="field__input" {...select} {...control}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
