import 'i18next';
import type fr from '../../locales/fr.json';

// Keys of t() are checked against the French resources (the reference language).
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof fr };
  }
}
