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
        path: 'inscription-entreprise',
        lazy: async () => ({ Component: (await import('../pages/public/company-signup.page')).CompanySignupPage }),
      },
      {
        path: 'resultats',
        lazy: async () => ({ Component: (await import('../pages/outcome/outcome.public.page')).PublicOutcomesPage }),
      },
      // Issue 18: the privacy page, public (linked from the footer and the log-in page).
      {
        path: 'confidentialite',
        lazy: async () => ({ Component: (await import('../pages/privacy/privacy.page')).PrivacyPage }),
      },
      {
        path: 'invitation/:code?',
        lazy: async () => ({ Component: (await import('../pages/public/invitation.page')).InvitationPage }),
      },
      // Issue 14: the pages the account e-mails link to.
      {
        path: 'inscription-entreprise/envoyee',
        lazy: async () => ({ Component: (await import('../pages/public/signup-sent.page')).SignupSentPage }),
      },
      {
        path: 'verification-email',
        lazy: async () => ({ Component: (await import('../pages/public/verify-email.page')).VerifyEmailPage }),
      },
      {
        path: 'mot-de-passe/oublie',
        lazy: async () => ({
          Component: (await import('../pages/public/password-forgotten.page')).PasswordForgottenPage,
        }),
      },
      {
        path: 'mot-de-passe/nouveau',
        lazy: async () => ({ Component: (await import('../pages/public/password-reset.page')).PasswordResetPage }),
      },
      {
        path: 'eleve',
        element: <RequireSession role="STUDENT" />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/student/student.home.page')).StudentHomePage }),
          },
          {
            path: 'recherche',
            lazy: async () => ({ Component: (await import('../pages/student/student.search.page')).StudentSearchPage }),
          },
          {
            path: 'promesses/:id',
            lazy: async () => ({
              Component: (await import('../pages/student/student.promise.page')).StudentPromisePage,
            }),
          },
          {
            path: 'candidatures',
            lazy: async () => ({
              Component: (await import('../pages/student/student.applications.page')).StudentApplicationsPage,
            }),
          },
          {
            path: 'recommandations',
            lazy: async () => ({
              Component: (await import('../pages/student/student.recommendations.page')).StudentRecommendationsPage,
            }),
          },
          {
            path: 'profil',
            lazy: async () => ({
              Component: (await import('../pages/student/student.profile.page')).StudentProfilePage,
            }),
          },
          {
            path: 'candidatures/:id',
            lazy: async () => ({
              Component: (await import('../pages/student/student.application.page')).StudentApplicationPage,
            }),
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
          {
            path: 'promesses/nouvelle',
            lazy: async () => ({
              Component: (await import('../pages/company/company.promise-form.page')).CompanyPromiseFormPage,
            }),
          },
          {
            path: 'promesses/:id',
            lazy: async () => ({
              Component: (await import('../pages/company/company.promise.page')).CompanyPromisePage,
            }),
          },
          {
            path: 'promesses/:id/modifier',
            lazy: async () => ({
              Component: (await import('../pages/company/company.promise-form.page')).CompanyPromiseFormPage,
            }),
          },
          {
            path: 'partenariats',
            lazy: async () => ({
              Component: (await import('../pages/company/company.partnerships.page')).CompanyPartnershipsPage,
            }),
          },
          {
            path: 'profil',
            lazy: async () => ({
              Component: (await import('../pages/company/company.profile.page')).CompanyProfilePage,
            }),
          },
          {
            path: 'candidatures/:id',
            lazy: async () => ({
              Component: (await import('../pages/company/company.application.page')).CompanyApplicationPage,
            }),
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
          {
            path: 'eleves/:id',
            lazy: async () => ({ Component: (await import('../pages/school/school.student.page')).SchoolStudentPage }),
          },
          {
            path: 'promesses',
            lazy: async () => ({
              Component: (await import('../pages/school/school.promises.page')).SchoolPromisesPage,
            }),
          },
          {
            path: 'promesses/:id',
            lazy: async () => ({ Component: (await import('../pages/school/school.promises.page')).SchoolPromisePage }),
          },
          {
            path: 'candidatures',
            lazy: async () => ({
              Component: (await import('../pages/school/school.tracking.page')).SchoolApplicationsPage,
            }),
          },
          {
            path: 'recommandations',
            lazy: async () => ({
              Component: (await import('../pages/school/school.tracking.page')).SchoolRecommendationsPage,
            }),
          },
          {
            path: 'partenariats',
            lazy: async () => ({
              Component: (await import('../pages/school/school.partnerships.page')).SchoolPartnershipsPage,
            }),
          },
          {
            path: 'appariement',
            lazy: async () => ({
              Component: (await import('../pages/school/school.matching.page')).SchoolMatchingPage,
            }),
          },
          {
            path: 'resultats',
            lazy: async () => ({
              Component: (await import('../pages/outcome/outcome.school.page')).SchoolOutcomesPage,
            }),
          },
          {
            path: 'resultats/diplomes/:id',
            lazy: async () => ({
              Component: (await import('../pages/outcome/outcome.graduate.page')).GraduateOutcomePage,
            }),
          },
          {
            path: 'candidatures/:id',
            lazy: async () => ({
              Component: (await import('../pages/school/school.application.page')).SchoolApplicationPage,
            }),
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
          {
            path: 'resultats',
            lazy: async () => ({
              Component: (await import('../pages/outcome/outcome.federation.page')).FederationOutcomesPage,
            }),
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
      {
        path: 'parametres/compte',
        element: <RequireSession />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/account/account.page')).AccountPage }),
          },
        ],
      },
      {
        path: 'parametres/notifications',
        element: <RequireSession />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../pages/notifications/notifications.preferences.page'))
                .NotificationPreferencesPage,
            }),
          },
        ],
      },
      {
        path: 'eleve/alertes',
        element: <RequireSession role="STUDENT" />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../pages/student/student.alerts.page')).StudentAlertsPage,
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
