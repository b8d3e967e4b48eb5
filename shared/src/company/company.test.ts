import {
  ACTOR_KINDS,
  AppError,
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_STATUS_LABELS,
  assertPartnershipTransition,
  assertRecommendationTransition,
  canTransitionPartnership,
  canTransitionRecommendation,
  createSchoolSchema,
  decidePartnershipSchema,
  nextPartnershipStatuses,
  nextRecommendationStatuses,
  recommendGraduateSchema,
  respondToRecommendationSchema,
} from '..';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('partnership state machine', () => {
  it.each(PARTNERSHIP_STATUSES.flatMap((from) => PARTNERSHIP_STATUSES.map((to) => [from, to] as const)))(
    '%s -> %s',
    (from, to) => {
      const allowed = from === 'PENDING' && to !== 'PENDING';
      for (const actor of ACTOR_KINDS) {
        const ok = allowed && actor === 'SCHOOL';
        expect(canTransitionPartnership(from, to, actor)).toBe(ok);
        expect(codeOf(() => assertPartnershipTransition(from, to, actor))).toBe(ok ? undefined : 'CONFLICT');
      }
    },
  );
  it('lists next statuses and labels', () => {
    expect(nextPartnershipStatuses('PENDING', 'SCHOOL')).toEqual(['APPROVED', 'REJECTED']);
    expect(nextPartnershipStatuses('PENDING', 'COMPANY')).toEqual([]);
    expect(nextPartnershipStatuses('APPROVED')).toEqual([]);
    expect(PARTNERSHIP_STATUS_LABELS.fr.APPROVED).toBe('Approuvé');
  });
  it('validates decisions', () => {
    expect(decidePartnershipSchema.safeParse({ id: '64b7f0c2a1d3e4f5a6b7c8d9', approve: true }).success).toBe(true);
    expect(decidePartnershipSchema.safeParse({ id: '64b7f0c2a1d3e4f5a6b7c8d9', approve: 'yes' }).success).toBe(false);
  });
});

describe('recommendation state machine', () => {
  it.each(RECOMMENDATION_STATUSES.flatMap((from) => RECOMMENDATION_STATUSES.map((to) => [from, to] as const)))(
    '%s -> %s',
    (from, to) => {
      const allowed = from === 'PENDING' && to !== 'PENDING';
      for (const actor of ACTOR_KINDS) {
        const ok = allowed && actor === 'STUDENT';
        expect(canTransitionRecommendation(from, to, actor)).toBe(ok);
        expect(codeOf(() => assertRecommendationTransition(from, to, actor))).toBe(ok ? undefined : 'CONFLICT');
      }
    },
  );
  it('lists next statuses and labels', () => {
    expect(nextRecommendationStatuses('PENDING', 'STUDENT')).toEqual(['ACCEPTED', 'DECLINED']);
    expect(nextRecommendationStatuses('PENDING', 'SCHOOL')).toEqual([]);
    for (const s of RECOMMENDATION_STATUSES) expect(RECOMMENDATION_STATUS_LABELS.en[s]).toBeTruthy();
  });
});

describe('school and recommendation schemas', () => {
  it('creates a school with at least one trade', () => {
    const ok = {
      name: 'École de Production de Lyon',
      city: 'Lyon',
      location: { lat: 45.7, lng: 4.8 },
      trades: ['WELDING', 'WELDING', 'MACHINING'],
    };
    expect(createSchoolSchema.parse(ok).trades).toEqual(['WELDING', 'MACHINING']);
    expect(createSchoolSchema.safeParse({ ...ok, trades: [] }).error?.issues[0]?.path).toEqual(['trades']);
    expect(createSchoolSchema.safeParse({ ...ok, trades: ['WELDING', 'COOKING'] }).error?.issues[0]?.path).toEqual([
      'trades',
      1,
    ]);
    expect(createSchoolSchema.safeParse({ ...ok, name: '' }).error?.issues[0]?.path).toEqual(['name']);
  });

  it('requires a trimmed note of 1 to 2000 characters', () => {
    const base = { jobPromiseId: '64b7f0c2a1d3e4f5a6b7c8d9', studentId: '64b7f0c2a1d3e4f5a6b7c8da' };
    expect(recommendGraduateSchema.parse({ ...base, note: '  Très sérieuse. ' }).note).toBe('Très sérieuse.');
    expect(recommendGraduateSchema.safeParse({ ...base, note: '   ' }).error?.issues[0]?.path).toEqual(['note']);
    expect(recommendGraduateSchema.safeParse(base).error?.issues[0]?.path).toEqual(['note']);
    expect(recommendGraduateSchema.safeParse({ ...base, note: 'x'.repeat(2001) }).success).toBe(false);
    expect(recommendGraduateSchema.safeParse({ ...base, studentId: 'x', note: 'ok' }).error?.issues[0]?.path).toEqual([
      'studentId',
    ]);
    expect(respondToRecommendationSchema.safeParse({ id: base.studentId, accept: false }).success).toBe(true);
  });
});
