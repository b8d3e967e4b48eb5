import {
  ACTOR_KINDS,
  AppError,
  JOB_PROMISE_STATUSES,
  JOB_PROMISE_STATUS_LABELS,
  allowedJobPromiseMoves,
  assertJobPromiseTransition,
  assertTransition,
  canTransition,
  canTransitionJobPromise,
  jobPromiseFilterSchema,
  jobPromiseInputSchema,
  jobPromiseMachine,
  makeJobPromiseInputSchema,
  makeJobPromiseUpdateSchema,
  nextJobPromiseStatuses,
  type ActorKind,
  type JobPromiseStatus,
} from '..';

const EXPECTED: Array<[JobPromiseStatus, JobPromiseStatus, ActorKind[]]> = [
  ['DRAFT', 'OPEN', ['COMPANY']],
  ['DRAFT', 'CLOSED', ['COMPANY', 'ADMIN']],
  ['OPEN', 'CLOSED', ['COMPANY', 'ADMIN']],
  ['OPEN', 'FILLED', ['SYSTEM']],
  ['OPEN', 'EXPIRED', ['SYSTEM']],
];

describe('job promise state machine', () => {
  it.each(JOB_PROMISE_STATUSES.flatMap((from) => JOB_PROMISE_STATUSES.map((to) => [from, to] as const)))(
    '%s -> %s is allowed exactly for the expected actors',
    (from, to) => {
      const actors = EXPECTED.find(([f, t]) => f === from && t === to)?.[2] ?? [];
      expect(canTransitionJobPromise(from, to)).toBe(actors.length > 0);
      for (const actor of ACTOR_KINDS) {
        expect(canTransition(from, to, actor)).toBe(actors.includes(actor));
        let code: string | undefined;
        try {
          assertJobPromiseTransition(from, to, actor);
        } catch (e) {
          code = (e as AppError).code;
        }
        expect(code).toBe(actors.includes(actor) ? undefined : 'CONFLICT');
      }
    },
  );

  it('gives next statuses and actions', () => {
    expect(nextJobPromiseStatuses('DRAFT', 'COMPANY')).toEqual(['OPEN', 'CLOSED']);
    expect(nextJobPromiseStatuses('OPEN', 'COMPANY')).toEqual(['CLOSED']);
    expect(nextJobPromiseStatuses('OPEN')).toEqual(['CLOSED', 'FILLED', 'EXPIRED']);
    expect(nextJobPromiseStatuses('FILLED')).toEqual([]);
    expect(jobPromiseMachine.transitionFor('close', 'OPEN')?.to).toBe('CLOSED');
    expect(jobPromiseMachine.transitionFor('publish', 'OPEN')).toBeUndefined();
    expect(() => assertTransition('CLOSED', 'OPEN', 'COMPANY')).toThrow(/Clôturée/);
    for (const s of JOB_PROMISE_STATUSES) expect(JOB_PROMISE_STATUS_LABELS.fr[s]).toBeTruthy();
  });

  it('gives the moves an actor may make from a status (the buttons the web shows)', () => {
    expect(allowedJobPromiseMoves('DRAFT', 'COMPANY')).toEqual(['publish', 'close']);
    expect(allowedJobPromiseMoves('OPEN', 'COMPANY')).toEqual(['close']);
    expect(allowedJobPromiseMoves('OPEN', 'ADMIN')).toEqual(['close']);
    expect(allowedJobPromiseMoves('OPEN', 'SYSTEM')).toEqual(['fill', 'expire']);
    expect(allowedJobPromiseMoves('DRAFT', 'STUDENT')).toEqual([]);
    for (const s of ['FILLED', 'CLOSED', 'EXPIRED'] as const) expect(allowedJobPromiseMoves(s, 'COMPANY')).toEqual([]);
  });
});

describe('job promise input', () => {
  const now = new Date('2025-06-15T10:00:00Z');
  const schema = makeJobPromiseInputSchema(now);
  const good = {
    title: ' Soudeur·se TIG ',
    description: 'Atelier de chaudronnerie fine.',
    trade: 'WELDING',
    contractType: 'CDI',
    positions: 2,
    skills: ['TIG', 'MIG'],
    city: 'Lyon',
    location: { lat: 45.76, lng: 4.83 },
    startDate: '2025-09-01',
    expiresAt: '2025-08-01T00:00:00Z',
    schoolIds: ['64b7f0c2a1d3e4f5a6b7c8d9'],
  };
  const pathsOf = (input: unknown, s = schema) => {
    const r = s.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort();
  };

  it('accepts a good promise and normalises it', () => {
    const v = schema.parse(good);
    expect(v.title).toBe('Soudeur·se TIG');
    expect(v.startDate).toEqual(new Date('2025-09-01T00:00:00Z'));
    expect(v.diplomaLevel).toBeUndefined();
    expect(schema.parse({ ...good, skills: undefined, schoolIds: undefined })).toMatchObject({
      skills: [],
      schoolIds: [],
    });
    expect(schema.parse({ ...good, diplomaLevel: 'CAP' }).diplomaLevel).toBe('CAP');
  });

  it('rejects bad fields with their paths', () => {
    expect(pathsOf({ ...good, positions: 0 })).toEqual(['positions']);
    expect(pathsOf({ ...good, positions: 51 })).toEqual(['positions']);
    expect(pathsOf({ ...good, positions: 1.5 })).toEqual(['positions']);
    expect(pathsOf({ ...good, title: 'x'.repeat(121) })).toEqual(['title']);
    expect(pathsOf({ ...good, description: 'x'.repeat(5001) })).toEqual(['description']);
    expect(pathsOf({ ...good, trade: 'PLUMBING', contractType: 'FREELANCE' })).toEqual(['contractType', 'trade']);
    expect(pathsOf({ ...good, location: { lat: 91, lng: 0 } })).toEqual(['location.lat']);
    expect(pathsOf({ ...good, schoolIds: ['nope'] })).toEqual(['schoolIds.0']);
    expect(pathsOf({ ...good, skills: ['x'.repeat(51)] })).toEqual(['skills.0']);
    const { title: _t, ...noTitle } = good;
    expect(pathsOf(noTitle)).toEqual(['title']);
  });

  it('checks dates against the injected now', () => {
    expect(pathsOf({ ...good, expiresAt: '2025-06-15T09:59:59Z' })).toEqual(['expiresAt']);
    expect(pathsOf({ ...good, expiresAt: '2025-06-15' })).toEqual(['expiresAt']); // midnight, already past
    expect(pathsOf({ ...good, expiresAt: '2025-06-16' })).toEqual([]);
    expect(pathsOf({ ...good, expiresAt: '2026-06-15T10:00:00Z' })).toEqual([]); // exactly one year
    expect(pathsOf({ ...good, expiresAt: '2026-06-15T10:00:01Z' })).toEqual(['expiresAt']);
    expect(pathsOf({ ...good, startDate: '2025-06-15' })).toEqual([]); // today is fine
    expect(pathsOf({ ...good, startDate: '2025-06-14' })).toEqual(['startDate']);
    expect(pathsOf({ ...good, startDate: 'soon' })).toEqual(['startDate']);
  });

  it('reads a clock function at each parse', () => {
    let t = new Date('2025-06-15T10:00:00Z');
    const s = makeJobPromiseInputSchema(() => t);
    expect(s.safeParse(good).success).toBe(true);
    t = new Date('2025-08-02T00:00:00Z');
    expect(pathsOf(good, s)).toEqual(['expiresAt']);
  });

  it('the default schema uses the wall clock', () => {
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect(jobPromiseInputSchema.safeParse({ ...good, startDate: future, expiresAt: future }).success).toBe(true);
    expect(jobPromiseInputSchema.safeParse(good).success).toBe(Date.now() < Date.parse(good.expiresAt));
  });

  it('update schema: all optional, same rules', () => {
    const upd = makeJobPromiseUpdateSchema(now);
    const id = '64b7f0c2a1d3e4f5a6b7c8d9';
    expect(upd.parse({ id, positions: 3 })).toEqual({ id, positions: 3 });
    expect(upd.safeParse({ id, expiresAt: '2020-01-01' }).error?.issues[0]?.path).toEqual(['expiresAt']);
    expect(upd.safeParse({ positions: 3 }).error?.issues[0]?.path).toEqual(['id']);
  });
});

describe('job promise filter', () => {
  it('accepts each filter and an empty one', () => {
    expect(jobPromiseFilterSchema.parse({})).toEqual({});
    const f = jobPromiseFilterSchema.parse({
      trade: 'WELDING',
      contractType: 'CDD',
      status: 'OPEN',
      text: ' soudure  ',
      near: { lat: 45, lng: 4, radiusKm: 30 },
      schoolId: '64b7f0c2a1d3e4f5a6b7c8d9',
    });
    expect(f.text).toBe('soudure');
    expect(jobPromiseFilterSchema.parse({ text: '   ', trade: null }).text).toBeUndefined();
  });

  it('rejects bad filters with paths', () => {
    const r = jobPromiseFilterSchema.safeParse({
      status: 'LIVE',
      text: 'x'.repeat(201),
      near: { lat: 45, lng: 4, radiusKm: 0.5 },
      schoolId: '1',
    });
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'near.radiusKm',
      'schoolId',
      'status',
      'text',
    ]);
    expect(jobPromiseFilterSchema.safeParse({ near: { lat: 45, lng: 4, radiusKm: 1001 } }).success).toBe(false);
  });
});
