import { useEffect, useState, useSyncExternalStore } from 'react';
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

/**
 * Unread count for the bell, as the server pushes it (`notification:unread-count`). undefined until the first
 * figure arrives. The starting figure will come from the `unreadNotificationCount` query once the API serves it
 * (not in the schema yet, so codegen would refuse the document).
 */
export function useUnreadCount(enabled: boolean): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!enabled) {
      setCount(undefined);
      return;
    }
    return realtime.on('notification:unread-count', ({ count: next }) => setCount(next));
  }, [enabled]);
  return enabled ? count : undefined;
}

const realtimeStatus = () => realtime.status;

/** Connection state of the live channel (idle when signed out). */
export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore((listener) => realtime.onStatus(listener), realtimeStatus, realtimeStatus);
}
