import { builder } from './builder';

// Contract fields the web app already queries whose module has not landed yet. Each one moves to its module
// (which then deletes it here: Pothos refuses a field defined twice, so a leftover cannot go unnoticed).

// Notifications module (issue 4): until it exists no notification can be stored, so the unread count is 0.
builder.queryField('unreadNotificationCount', (t) =>
  t.int({
    authScopes: { authenticated: true },
    resolve: () => 0,
  }),
);
