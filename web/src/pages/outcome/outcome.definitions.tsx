import { useI18n } from '../../lib/i18n/i18n';

/** How every figure is computed (CONTRACT.md definitions), said beside the figures. */
export function OutcomeDefinitions() {
  const { t } = useI18n();
  const items = [
    'outcome.definitions.cohort',
    'outcome.definitions.denominator',
    'outcome.definitions.exam',
    'outcome.definitions.positive',
    'outcome.definitions.employed',
    'outcome.definitions.continuing',
    'outcome.definitions.promises',
    'outcome.definitions.daysToHire',
    'outcome.definitions.suppression',
  ] as const;
  return (
    <details className="card outcome-definitions">
      <summary>{t('outcome.definitions.title')}</summary>
      <ul>
        {items.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </details>
  );
}
