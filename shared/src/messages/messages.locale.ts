import { DEFAULT_LOCALE, type Locale } from '../common/common.enum';

// Which language messages are rendered in *right now*. The web sets it from the user's choice; the API points it at
// the current request (AsyncLocalStorage), so one process serves French and English users at the same time.
// Zod error functions and AppError helpers call this at the moment a message is built.

type LocaleProvider = () => Locale | undefined;

let provider: LocaleProvider = () => undefined;

export function setLocaleProvider(next: LocaleProvider): void {
  provider = next;
}

export function activeLocale(): Locale {
  return provider() ?? DEFAULT_LOCALE;
}
