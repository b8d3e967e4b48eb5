import {
  ACTOR_KINDS,
  APPLICATION_MOVE_LABELS,
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  AppError,
  OPEN_APPLICATION_STATUSES,
  TERMINAL_APPLICATION_STATUSES,
  allowedMoves,
  applyToJobPromiseSchema,
  assertMove,
  canMove,
  moveApplicationSchema,
  moveLabel,
  moveRequiresReason,
  type ActorKind,
  type ApplicationStatus,
} from '..';

// The full expected table; every (from, to, actor) not listed must be refused.
const EXPECTED: Record<string, ApplicationStatus[]> = {
  'SUBMITTED/COMPANY': ['SHORTLISTED', 'REJECTED'],
  'SHORTLISTED/COMPANY': ['INTERVIEW', 'REJECTED'],
  'INTERVIEW/COMPANY': ['OFFERED', 'REJECTED'],
  'OFFERED/COMPANY': ['REJECTED'],
  'SUBMITTED/STUDENT': ['WITHDRAWN'],
  'SHORTLISTED/STUDENT': ['WITHDRAWN'],
  'INTERVIEW/STUDENT': ['WITHDRAWN'],
  'OFFERED/STUDENT': ['HIRED', 'WITHDRAWN'],
  'SUBMITTED/SYSTEM': ['REJECTED', 'WITHDRAWN'],
  'SHORTLISTED/SYSTEM': ['REJECTED', 'WITHDRAWN'],
  'INTERVIEW/SYSTEM': ['REJECTED', 'WITHDRAWN'],
  'OFFERED/SYSTEM': ['REJECTED', 'WITHDRAWN'],
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.code : 'NOT_APP_ERROR';
  }
};

describe('application state machine', () => {
  it('splits statuses into open and terminal', () => {
    expect([...OPEN_APPLICATION_STATUSES, ...TERMINAL_APPLICATION_STATUSES].sort()).toEqual(
      [...APPLICATION_STATUSES].sort(),
    );
  });

  it.each(ACTOR_KINDS.flatMap((actor) => APPLICATION_STATUSES.map((from) => [from, actor] as const)))(
    'from %s as %s allows exactly the expected moves',
    (from, actor) => {
      const expected = (EXPECTED[`${from}/${actor}`] ?? []).slice().sort();
      expect(allowedMoves(from, actor).slice().sort()).toEqual(expected);
      for (const to of APPLICATION_STATUSES) {
        const allowed = expected.includes(to);
        expect(canMove(from, to, actor)).toBe(allowed);
        const code = codeOf(() => assertMove(from, to, actor, 'a reason'));
        expect(code).toBe(allowed ? undefined : 'CONFLICT');
      }
    },
  );

  it('lists company moves in pipeline order', () => {
    expect(allowedMoves('SUBMITTED', 'COMPANY')).toEqual(['SHORTLISTED', 'REJECTED']);
  });

  it('never lets the company skip a step or hire', () => {
    expect(canMove('SUBMITTED', 'INTERVIEW', 'COMPANY')).toBe(false);
    expect(canMove('SUBMITTED', 'OFFERED', 'COMPANY')).toBe(false);
    expect(canMove('OFFERED', 'HIRED', 'COMPANY')).toBe(false);
    expect(canMove('INTERVIEW', 'SHORTLISTED', 'COMPANY')).toBe(false);
  });

  it('never lets the student move forward in the pipeline or leave a final state', () => {
    expect(canMove('SUBMITTED', 'HIRED', 'STUDENT')).toBe(false);
    expect(canMove('SUBMITTED', 'SHORTLISTED', 'STUDENT')).toBe(false);
    for (const from of TERMINAL_APPLICATION_STATUSES)
      for (const actor of ACTOR_KINDS) expect(allowedMoves(from, actor as ActorKind)).toEqual([]);
  });

  it('requires a non-blank reason when the company rejects', () => {
    expect(moveRequiresReason('INTERVIEW', 'REJECTED', 'COMPANY')).toBe(true);
    expect(moveRequiresReason('INTERVIEW', 'REJECTED', 'SYSTEM')).toBe(false);
    expect(codeOf(() => assertMove('INTERVIEW', 'REJECTED', 'COMPANY'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertMove('INTERVIEW', 'REJECTED', 'COMPANY', '   '))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertMove('INTERVIEW', 'REJECTED', 'COMPANY', null))).toBe('BAD_USER_INPUT');
    expect(assertMove('INTERVIEW', 'REJECTED', 'COMPANY', '  profil trop junior ')).toBe('profil trop junior');
    expect(assertMove('OFFERED', 'REJECTED', 'SYSTEM', 'position filled')).toBe('position filled');
    expect(assertMove('OFFERED', 'HIRED', 'STUDENT')).toBeUndefined();
    // A disallowed move is a CONFLICT even without reason.
    expect(codeOf(() => assertMove('HIRED', 'REJECTED', 'COMPANY'))).toBe('CONFLICT');
  });

  it('puts the reason field in the BAD_USER_INPUT issues', () => {
    try {
      assertMove('SUBMITTED', 'REJECTED', 'COMPANY');
    } catch (e) {
      expect((e as AppError).fieldIssues?.[0]?.path).toBe('reason');
    }
    expect.assertions(1);
  });

  it('has labels for statuses and moves', () => {
    for (const s of APPLICATION_STATUSES) {
      expect(APPLICATION_STATUS_LABELS.fr[s]).toBeTruthy();
      expect(APPLICATION_STATUS_LABELS.en[s]).toBeTruthy();
    }
    expect(APPLICATION_MOVE_LABELS.fr).toEqual({
      SHORTLISTED: 'Présélectionner',
      INTERVIEW: 'Proposer un entretien',
      OFFERED: 'Faire une offre',
      REJECTED: 'Refuser',
      HIRED: 'Accepter l’offre',
      WITHDRAWN: 'Retirer ma candidature',
    });
    expect(moveLabel('HIRED', 'en')).toBe('Accept the offer');
  });
});

describe('application schemas', () => {
  const id = '64b7f0c2a1d3e4f5a6b7c8d9';
  it('applies with an optional bounded message', () => {
    expect(applyToJobPromiseSchema.parse({ jobPromiseId: id })).toEqual({ jobPromiseId: id });
    expect(applyToJobPromiseSchema.parse({ jobPromiseId: id, message: '  ' }).message).toBeUndefined();
    expect(applyToJobPromiseSchema.parse({ jobPromiseId: id, message: null }).message).toBeUndefined();
    expect(applyToJobPromiseSchema.parse({ jobPromiseId: id, message: ' Bonjour ' }).message).toBe('Bonjour');
    const r = applyToJobPromiseSchema.safeParse({ jobPromiseId: 'x', message: 'x'.repeat(2001) });
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['jobPromiseId', 'message']);
  });

  it('moves to a known status', () => {
    expect(moveApplicationSchema.parse({ id, to: 'SHORTLISTED' })).toEqual({ id, to: 'SHORTLISTED' });
    expect(moveApplicationSchema.safeParse({ id, to: 'ACCEPTED' }).error?.issues[0]?.path).toEqual(['to']);
    expect(moveApplicationSchema.safeParse({ id, to: 'REJECTED', reason: 'x'.repeat(2001) }).success).toBe(false);
  });
});
