import { durationMs, RETENTION_RULE_LIST, type RetentionDuration } from '@promesse/shared';
import { TableWrap } from '../../components/table-wrap';
import { useI18n } from '../../lib/i18n/i18n';

/**
 * The retention rules of the platform as a table, rendered from RETENTION_RULES (shared): the very rules the
 * scheduler applies, so the durations shown here cannot drift from what happens.
 */
export function RetentionTable() {
  const { t } = useI18n();
  const duration = (d: RetentionDuration) => t(`privacy.duration.${d.unit}`, { count: d.amount });
  return (
    <TableWrap label={t('privacy.retention.caption')}>
      <table className="table" data-testid="retention-table">
        <caption className="visually-hidden">{t('privacy.retention.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('privacy.retention.data')}</th>
            <th scope="col">{t('privacy.retention.when')}</th>
            <th scope="col">{t('privacy.retention.action')}</th>
          </tr>
        </thead>
        <tbody>
          {RETENTION_RULE_LIST.map((rule) => (
            <tr key={rule.code} data-rule={rule.code}>
              <th scope="row">{t(`privacy.rule.${rule.code}`)}</th>
              <td>
                {durationMs(rule.after) === 0
                  ? t(`privacy.when.${rule.from}_now`)
                  : t(`privacy.when.${rule.from}`, { duration: duration(rule.after) })}
              </td>
              <td>
                {t(`privacy.action.${rule.action}`)}
                {rule.warnBefore ? ` ${t('privacy.warned', { duration: duration(rule.warnBefore) })}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
