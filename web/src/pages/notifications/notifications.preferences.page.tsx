import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  labelOf,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_TYPE_LABELS,
  renderMessage,
  type NotificationChannel,
  type NotificationType,
} from '@promesse/shared';
import { ErrorState, LoadingState } from '../../components/states';
import { TableWrap } from '../../components/table-wrap';
import { graphql } from '../../gql';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';

const NotificationChannelsDocument = graphql(`
  query NotificationChannels {
    notificationPreferences {
      channels {
        type
        channel
        isDefault
      }
    }
  }
`);

const UpdateNotificationChannelsDocument = graphql(`
  mutation UpdateNotificationChannels($settings: [NotificationChannelSettingInput!]!) {
    updateNotificationChannels(settings: $settings) {
      channels {
        type
        channel
        isDefault
      }
    }
  }
`);

/**
 * How each type of notification reaches the user: a table of types × channels (in the app only, e-mail at once,
 * daily digest, off), one radio group per row, saved on change. Defaults depend on the role (shared/).
 */
export function NotificationPreferencesPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('notificationPrefs.title'));
  const [result, reexecute] = useQuery({ query: NotificationChannelsDocument });
  const [update, save] = useMutation(UpdateNotificationChannelsDocument);
  const [status, setStatus] = useState<string | null>(null);
  if (result.error && !result.data) return <ErrorState error={result.error} onRetry={() => reexecute()} />;
  if (!result.data) return <LoadingState />;
  const rows = result.data.notificationPreferences.channels;
  const channelLabel = (c: NotificationChannel) => renderMessage(`notification.channel.${c}`, undefined, locale);
  const choose = async (type: NotificationType, channel: NotificationChannel) => {
    const r = await save({ settings: [{ type, channel }] });
    setStatus(r.error ? toUserFacingError(r.error, locale).message : t('notificationPrefs.saved'));
  };
  return (
    <div className="page">
      <h1>{t('notificationPrefs.title')}</h1>
      <p className="page__lead">{t('notificationPrefs.lead')}</p>
      <TableWrap label={t('notificationPrefs.tableLabel')}>
        <table className="table">
          <caption className="visually-hidden">{t('notificationPrefs.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notificationPrefs.type')}</th>
              {NOTIFICATION_CHANNELS.map((c) => (
                <th key={c} scope="col">
                  {channelLabel(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const typeLabel = labelOf(NOTIFICATION_TYPE_LABELS, row.type, locale);
              return (
                <tr key={row.type} data-testid={`prefs-${row.type}`}>
                  <th scope="row" id={`prefs-${row.type}`}>
                    {typeLabel}
                    {row.isDefault ? <span className="field__hint"> · {t('notificationPrefs.default')}</span> : null}
                  </th>
                  {NOTIFICATION_CHANNELS.map((c) => (
                    <td key={c}>
                      <input
                        type="radio"
                        name={`channel-${row.type}`}
                        value={c}
                        checked={row.channel === c}
                        disabled={update.fetching}
                        aria-label={`${typeLabel} : ${channelLabel(c)}`}
                        onChange={() => void choose(row.type, c)}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p role="status" className="field__hint">
        {status}
      </p>
      <p>
        <Link to="/notifications">{t('notificationPrefs.back')}</Link>
      </p>
    </div>
  );
}
