import { useEffect, useRef } from 'react';
import type { NotificationPayload } from '@promesse/shared';
import { realtime } from '../lib/socket/socket.client';

/**
 * Runs `refresh` when a pushed notification concerns what the page shows (`matches`), so lists and boards
 * follow changes made by others without a reload.
 */
export function useLiveRefresh(matches: (n: NotificationPayload) => boolean, refresh: () => void): void {
  const latest = useRef({ matches, refresh });
  latest.current = { matches, refresh };
  useEffect(
    () =>
      realtime.on('notification:new', (n) => {
        if (latest.current.matches(n)) latest.current.refresh();
      }),
    [],
  );
}
