import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { labelOf, NOTIFICATION_TYPE_LABELS } from '@promesse/shared';
import { useSession } from '../../app/app.session';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql, type NotificationItemFragment } from '../../gql';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { realtime } from '../../lib/socket/socket.client';
import { notificationTarget } from './notifications.links';
import { notificationText } from './notifications.text';

const PAGE_SIZE = 20;

graphql(`
  fragment NotificationItem on Notification {
    id
    type
    read
    createdAt
    data {
      jobPromiseId
      applicationId
      recommendationId
      partnershipId
      jobPromiseTitle
      studentName
      companyName
      schoolName
      city
      from
      to
      status
      reason
      alertName
      expiresAt
      count
      days
      studentId
      graduationDate
      messageId
      authorName
      excerpt
    }
  }
`);

const NotificationsDocument = graphql(`
  query Notifications($first: Int, $after: String) {
    notifications(first: $first, after: $after) {
      edges {
        node {
          ...NotificationItem
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MarkNotificationsReadDocument = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

/** One page of the connection; following pages are separate queries so earlier ones stay in place. */
function NotificationsPageChunk({
  after,
  onLoadMore,
  isLast,
  readIds,
  allReadAt,
  onRead,
}: {
  after: string | null;
  onLoadMore: (cursor: string) => void;
  isLast: boolean;
  readIds: ReadonlySet<string>;
  allReadAt: number | null;
  onRead: (ids: string[] | null) => void;
}) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [result, reexecute] = useQuery({
    query: NotificationsDocument,
    variables: { first: PAGE_SIZE, after },
    requestPolicy: 'cache-and-network',
  });
  // A new notification arrives on the socket: the first page refetches to show it at the top.
  useEffect(() => {
    if (after !== null) return;
    return realtime.on('notification:new', () => reexecute({ requestPolicy: 'network-only' }));
  }, [after, reexecute]);

  if (result.error && !result.data) return <ErrorState error={result.error} onRetry={() => reexecute()} />;
  if (!result.data) return <LoadingState label={t('notifications.loading')} />;
  const { edges, pageInfo } = result.data.notifications;
  if (after === null && edges.length === 0) {
    return (
      <EmptyState title={t('notifications.emptyTitle')}>
        <p>{t('notifications.empty')}</p>
      </EmptyState>
    );
  }
  const role = session.status === 'ready' ? session.me.role : null;
  return (
    <>
      {edges.map(({ node }) => (
        <NotificationRow
          key={node.id}
          node={node}
          read={node.read || readIds.has(node.id) || (allReadAt !== null && Date.parse(node.createdAt) <= allReadAt)}
          to={role ? notificationTarget(role, node.type, node.data) : null}
          typeLabel={labelOf(NOTIFICATION_TYPE_LABELS, node.type, locale)}
          onRead={() => onRead([node.id])}
        />
      ))}
      {isLast && pageInfo.hasNextPage && pageInfo.endCursor ? (
        <li className="notif-list__more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => pageInfo.endCursor && onLoadMore(pageInfo.endCursor)}
          >
            {t('notifications.loadMore')}
          </button>
        </li>
      ) : null}
    </>
  );
}

function NotificationRow({
  node,
  read,
  to,
  typeLabel,
  onRead,
}: {
  node: NotificationItemFragment;
  read: boolean;
  to: string | null;
  typeLabel: string;
  onRead: () => void;
}) {
  const { t, locale } = useI18n();
  const { title, body } = notificationText(node.type, node.data, locale);
  const date = new Date(node.createdAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <li className={`notif card${read ? '' : ' notif--unread'}`} data-testid="notification" data-read={read}>
      <p className="notif__meta">
        {read ? null : <span className="tag tag--accent">{t('notifications.unread')}</span>}
        <span>{typeLabel}</span> · <time dateTime={node.createdAt}>{date}</time>
      </p>
      <h2 className="notif__title">
        {to ? (
          <Link to={to} onClick={() => !read && onRead()}>
            {title}
          </Link>
        ) : (
          title
        )}
      </h2>
      <p className="notif__body">{body}</p>
      {read ? null : (
        <button type="button" className="button button--ghost button--compact" onClick={onRead}>
          {t('notifications.markOneRead')}
          <span className="visually-hidden"> : {title}</span>
        </button>
      )}
    </li>
  );
}

export function NotificationsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('notifications.title'));
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [readIds, setReadIds] = useState<ReadonlySet<string>>(new Set());
  // Everything created up to this moment was marked read (later arrivals stay unread).
  const [allReadAt, setAllReadAt] = useState<number | null>(null);
  const [mark, markRead] = useMutation(MarkNotificationsReadDocument);
  const [error, setError] = useState<string | null>(null);

  const onRead = async (ids: string[] | null) => {
    const r = await markRead({ ids });
    if (r.error) {
      setError(toUserFacingError(r.error, locale).message);
      return;
    }
    setError(null);
    if (ids === null) setAllReadAt(Date.now());
    else setReadIds((prev) => new Set([...prev, ...ids]));
  };

  return (
    <div className="page">
      <h1>{t('notifications.title')}</h1>
      <div className="toolbar">
        <button
          type="button"
          className="button button--secondary"
          disabled={mark.fetching}
          onClick={() => void onRead(null)}
        >
          {t('notifications.markAllRead')}
        </button>
      </div>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <ul className="notif-list" aria-label={t('notifications.listLabel')}>
        {cursors.map((after, i) => (
          <NotificationsPageChunk
            key={after ?? 'first'}
            after={after}
            isLast={i === cursors.length - 1}
            readIds={readIds}
            allReadAt={allReadAt}
            onRead={(ids) => void onRead(ids)}
            onLoadMore={(cursor) => setCursors((prev) => [...prev, cursor])}
          />
        ))}
      </ul>
      <p>
        <Link to="/parametres/notifications">{t('notifications.channelsLink')}</Link>
      </p>
    </div>
  );
}
