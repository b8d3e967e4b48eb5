import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useAuth } from '../lib/auth/auth.store';
import { realtime, type RealtimeStatus } from '../lib/socket/socket.client';

/** Keeps the single socket.io connection in step with the session token. */
export function RealtimeConnection() {
  const { token } = useAuth();
  useEffect(() => {
    if (token) void realtime.start(token);
    else realtime.stop();
  }, [token]);
  useEffect(() => () => realtime.stop(), []);
  return null;
}

const UnreadNotificationCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/**
 * Unread count for the bell: the query gives the figure, the server pushes every change on the socket
 * (`notification:unread-count`), and the query runs again after each (re)connection, for changes missed offline.
 * undefined while unknown or when the API cannot answer: the bell then shows no badge rather than a wrong one.
 */
export function useUnreadCount(enabled: boolean): number | undefined {
  const [result, reexecute] = useQuery({ query: UnreadNotificationCountDocument, pause: !enabled });
  const data = result.data;
  const dataRef = useRef(data);
  dataRef.current = data;
  // A pushed figure is newer than the query answer it arrived after, until the next answer replaces that one.
  const [pushed, setPushed] = useState<{ count: number; base: typeof data } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const offCount = realtime.on('notification:unread-count', ({ count }) =>
      setPushed({ count, base: dataRef.current }),
    );
    const offStatus = realtime.onStatus(() => {
      if (realtime.status === 'connected') reexecute({ requestPolicy: 'network-only' });
    });
    return () => {
      offCount();
      offStatus();
    };
  }, [enabled, reexecute]);

  if (!enabled) return undefined;
  if (pushed && pushed.base === data) return pushed.count;
  return data?.unreadNotificationCount;
}

const realtimeStatus = () => realtime.status;

/** Connection state of the live channel (idle when signed out). */
export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore((listener) => realtime.onStatus(listener), realtimeStatus, realtimeStatus);
}
