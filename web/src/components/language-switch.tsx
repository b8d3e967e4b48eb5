import { setLocale, useI18n } from '../lib/i18n/i18n';

/** One button offering the other language; its name is spoken in that language (WCAG 3.1.2, language of parts). */
export function LanguageSwitch() {
  const { t, locale } = useI18n();
  const target = locale === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="button button--ghost lang-switch" onClick={() => setLocale(target)}>
      <span className="visually-hidden">{t('app.language')} : </span>
      <span lang={target}>{target === 'en' ? t('app.switchToEnglish') : t('app.switchToFrench')}</span>
    </button>
  );
}
