import { Link } from 'react-router';
import { useI18n } from '../lib/i18n/i18n';

/** Counts above this show as "99+" so the badge keeps its size. */
const BADGE_MAX = 99;

/**
 * The bell in the header. `count` undefined means not known (still loading or unavailable): the bell shows
 * without a badge rather than a wrong zero. The accessible name carries the count; the badge is decorative.
 */
export function NotificationBell({ count, to }: { count: number | undefined; to: string }) {
  const { t } = useI18n();
  const label = count === undefined ? t('bell.unknown') : t('bell.label', { count });
  return (
    <Link to={to} className="bell" aria-label={label} title={label}>
      <svg className="bell__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      {count !== undefined && count > 0 ? (
        <span className="bell__badge" aria-hidden="true" data-testid="bell-count">
          {count > BADGE_MAX ? `${BADGE_MAX}+` : count}
        </span>
      ) : null}
    </Link>
  );
}
