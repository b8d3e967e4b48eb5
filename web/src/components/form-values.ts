/** Reads a form's data as the shared schemas expect it: trimmed text, and blank as "not given" (undefined). */
export function formValues(data: FormData) {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return {
    text,
    /** An unanswered select or date, or a blank optional text: undefined. */
    optional: (name: string) => text(name) || undefined,
    /** A number (a decimal comma reads as a point); blank: undefined. */
    number: (name: string) => {
      const value = text(name).replace(',', '.');
      return value === '' ? undefined : Number(value);
    },
    /** "tournage, fraisage" → ['tournage', 'fraisage']. */
    list: (name: string) =>
      text(name)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    /** Every ticked value of a group of checkboxes. */
    all: (name: string) => data.getAll(name).map(String),
  };
}
