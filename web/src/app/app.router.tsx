import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../pages/auth/login.page';
import { NotFoundPage } from '../pages/errors/not-found.page';
import { RouteErrorPage } from '../pages/errors/route-error.page';
import { HomeRedirect, RequireSession } from './app.guards';
import { AppLayout } from './app.layout';

// The log-in page ships in the entry bundle (it is the first page of every visitor); each role area is a
// lazy chunk fetched only by users of that role.
export const routes: RouteObject[] = [
  {
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    children: [
      { index: true, Component: HomeRedirect },
      { path: 'connexion', Component: LoginPage },
      {
        path: 'eleve',
        element: <RequireSession role="STUDENT" />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/student/student.home.page')).StudentHomePage }),
          },
        ],
      },
      {
        path: 'entreprise',
        element: <RequireSession role="COMPANY_RECRUITER" />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/company/company.home.page')).CompanyHomePage }),
          },
        ],
      },
      {
        path: 'ecole',
        element: <RequireSession role="SCHOOL_STAFF" />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/school/school.home.page')).SchoolHomePage }),
          },
        ],
      },
      {
        path: 'federation',
        element: <RequireSession role="FEDERATION_ADMIN" />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/admin/admin.home.page')).AdminHomePage }),
          },
        ],
      },
      {
        path: 'notifications',
        element: <RequireSession />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../pages/notifications/notifications.page')).NotificationsPage,
            }),
          },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
