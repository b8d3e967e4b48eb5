import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@promesse/shared';
import { ErrorState, LoadingState } from '../components/states';
import { HOME_PATH, LOGIN_PATH } from '../lib/auth/auth.routes';
import { ForbiddenPage } from '../pages/errors/forbidden.page';
import { useSession } from './app.session';

/** Pages below need a signed-in user (of `role`, when given); anonymous visitors go to log in and come back. */
export function RequireSession({ role }: { role?: Role }) {
  const session = useSession();
  const location = useLocation();
  switch (session.status) {
    case 'anonymous': {
      // After a deliberate log-out, coming back to the page just left makes no sense.
      if (session.endedBy === 'user') return <Navigate to={LOGIN_PATH} replace />;
      const back = encodeURIComponent(`${location.pathname}${location.search}`);
      return <Navigate to={`${LOGIN_PATH}?retour=${back}`} replace />;
    }
    case 'loading':
      return <LoadingState />;
    case 'error':
      return <ErrorState error={session.error} onRetry={session.retry} />;
    case 'ready':
      return role && session.me.role !== role ? <ForbiddenPage /> : <Outlet />;
  }
}

/** `/`: the role's home when signed in, the log-in page otherwise. */
export function HomeRedirect() {
  const session = useSession();
  switch (session.status) {
    case 'anonymous':
      return <Navigate to={LOGIN_PATH} replace />;
    case 'loading':
      return <LoadingState />;
    case 'error':
      return <ErrorState error={session.error} onRetry={session.retry} />;
    case 'ready':
      return <Navigate to={HOME_PATH[session.me.role]} replace />;
  }
}
