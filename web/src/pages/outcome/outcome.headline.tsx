import { useI18n } from '../../lib/i18n/i18n';
import { FIGURE_COLUMNS, formatValue, isSuppressed, referenceOf, type OutcomeFiguresView } from './outcome.figures';

/** The group's headline figures as cards, each with the network's reference figure beside it. */
export function OutcomeHeadline({ figures, label }: { figures: OutcomeFiguresView; label: string }) {
  const { t, locale } = useI18n();
  const suppressed = isSuppressed(figures);
  return (
    <ul className="outcome-figures" aria-label={label}>
      {FIGURE_COLUMNS.map((c) => {
        const value = c.read(figures);
        const reference = c.reference ? referenceOf(c.reference, c.kind, locale) : null;
        const shown =
          value !== null
            ? formatValue(value, c.kind, locale)
            : suppressed && c.key !== 'graduates'
              ? t('outcome.suppressed')
              : '—';
        return (
          <li key={c.key} className="outcome-figure" data-figure={c.key}>
            <span className="outcome-figure__label">{t(c.labelKey)}</span>
            <span className="outcome-figure__value">{shown}</span>
            {reference ? (
              <span className="outcome-figure__reference">{t('outcome.reference', { value: reference.text })}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
