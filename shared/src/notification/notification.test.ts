import {
  CONNECT_ERROR_UNAUTHENTICATED,
  NOTIFICATION_TYPES,
  NOTIFICATION_TYPE_LABELS,
  SOCKET_EVENTS,
  buildNotificationText,
  catchUpPayloadSchema,
  markNotificationsReadSchema,
  notificationPayloadSchema,
  notificationPreferencesSchema,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '..';

describe('notification texts', () => {
  it('builds a non-empty French and English text for every type, even without data', () => {
    for (const type of NOTIFICATION_TYPES) {
      for (const locale of ['fr', 'en'] as const) {
        const t = buildNotificationText(type, {}, locale);
        expect(t.title).toMatch(/\S/);
        expect(t.body).toMatch(/\S/);
        expect(t.body).not.toMatch(/undefined|null/);
      }
      expect(NOTIFICATION_TYPE_LABELS.fr[type]).toBeTruthy();
    }
  });

  it('uses the data', () => {
    expect(
      buildNotificationText('APPLICATION_STATUS_CHANGED', {
        applicationId: 'a',
        jobPromiseId: 'p',
        jobPromiseTitle: 'Soudeur TIG',
        companyName: 'Dupont',
        to: 'OFFERED',
      }),
    ).toEqual({
      title: 'Vous avez reçu une offre\u00a0!',
      body: 'Votre candidature à «\u00a0Soudeur TIG\u00a0» (Dupont) est maintenant\u00a0: offre reçue.',
    });
    expect(
      buildNotificationText('APPLICATION_STATUS_CHANGED', { to: 'REJECTED', reason: 'position filled' }).body,
    ).toContain('Motif\u00a0: Poste pourvu.');
    expect(
      buildNotificationText('JOB_PROMISE_MATCH', { companyName: 'Dupont', jobPromiseTitle: 'Soudeur', city: 'Lyon' })
        .body,
    ).toBe('Dupont propose «\u00a0Soudeur\u00a0» à Lyon, dans votre métier.');
    expect(buildNotificationText('PARTNERSHIP_DECIDED', { status: 'REJECTED', schoolName: 'EP Lyon' }).title).toBe(
      'Partenariat refusé',
    );
    expect(
      buildNotificationText('RECOMMENDATION_RECEIVED', { studentName: 'Lucie M.', schoolName: 'EP Lyon' }, 'en').body,
    ).toContain('EP Lyon recommends Lucie M.');
  });

  it('reminds staff of a graduate whose outcome is missing, with the graduation date, in French and English', () => {
    const data = { studentId: 's', studentName: 'Emma Roux', graduationDate: '2025-06-30T00:00:00.000Z' };
    expect(buildNotificationText('OUTCOME_MISSING', data, 'fr')).toEqual({
      title: 'Devenir à renseigner',
      body: 'Emma Roux, diplômé·e le 30 juin 2025, n’a pas encore de situation de sortie renseignée.',
    });
    expect(buildNotificationText('OUTCOME_MISSING', data, 'en').body).toBe(
      'Emma Roux graduated on 30 June 2025 and their exit outcome is not recorded yet.',
    );
  });

  it('validates mark-read and preferences inputs', () => {
    expect(markNotificationsReadSchema.parse({})).toEqual({});
    expect(markNotificationsReadSchema.parse({ ids: null }).ids).toBeUndefined();
    expect(markNotificationsReadSchema.safeParse({ ids: ['x'] }).error?.issues[0]?.path).toEqual(['ids', 0]);
    expect(notificationPreferencesSchema.parse({ mutedTypes: ['JOB_PROMISE_MATCH', 'JOB_PROMISE_MATCH'] })).toEqual({
      mutedTypes: ['JOB_PROMISE_MATCH'],
    });
  });
});

describe('realtime contract', () => {
  it('names the events of the contract', () => {
    expect(SOCKET_EVENTS.NOTIFICATION_NEW).toBe('notification:new');
    expect(SOCKET_EVENTS.NOTIFICATION_UNREAD_COUNT).toBe('notification:unread-count');
    expect(CONNECT_ERROR_UNAUTHENTICATED).toEqual({ code: 'UNAUTHENTICATED' });
    expect(userRoom('u1')).toBe('user:u1');
    // Type-level: the maps are keyed by the constants.
    const s: keyof ServerToClientEvents = SOCKET_EVENTS.NOTIFICATION_NEW;
    const c: keyof ClientToServerEvents = SOCKET_EVENTS.NOTIFICATIONS_CATCH_UP;
    expect([s, c]).toHaveLength(2);
  });

  it('validates catch-up payloads and notifications', () => {
    expect(catchUpPayloadSchema.parse({})).toEqual({});
    expect(catchUpPayloadSchema.parse({ afterId: null })).toEqual({});
    expect(catchUpPayloadSchema.parse({ afterId: '64B7F0C2A1D3E4F5A6B7C8D9' }).afterId).toBe(
      '64b7f0c2a1d3e4f5a6b7c8d9',
    );
    expect(catchUpPayloadSchema.safeParse({ afterId: 'x' }).success).toBe(false);
    expect(catchUpPayloadSchema.safeParse({ limit: 1000 }).success).toBe(false);
    expect(
      notificationPayloadSchema.safeParse({
        id: '1',
        type: 'JOB_PROMISE_MATCH',
        title: 't',
        body: 'b',
        createdAt: '2025-01-01T00:00:00Z',
        data: {},
      }).success,
    ).toBe(true);
    expect(notificationPayloadSchema.safeParse({ id: '1', type: 'OTHER' }).success).toBe(false);
  });
});
