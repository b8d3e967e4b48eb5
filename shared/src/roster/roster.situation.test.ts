import { studentSituation } from './roster.situation';

describe('studentSituation', () => {
  const none = { applications: [], recommendations: [], exitOutcome: null };
  test('nothing alive: searching; a declined recommendation or a rejection changes nothing', () => {
    expect(studentSituation(none)).toBe('SEARCHING');
    expect(
      studentSituation({ ...none, applications: [{ status: 'REJECTED' }], recommendations: [{ status: 'DECLINED' }] }),
    ).toBe('SEARCHING');
    expect(studentSituation({ ...none, recommendations: [{ status: 'PENDING' }] })).toBe('SEARCHING');
  });
  test('an open application or an accepted recommendation: applied', () => {
    expect(studentSituation({ ...none, applications: [{ status: 'INTERVIEW' }] })).toBe('APPLIED');
    expect(studentSituation({ ...none, recommendations: [{ status: 'ACCEPTED' }] })).toBe('APPLIED');
  });
  test('an offer beats applications; a hire beats an offer; studies beat everything', () => {
    const apps = [{ status: 'SUBMITTED' as const }, { status: 'OFFERED' as const }];
    expect(studentSituation({ ...none, applications: apps })).toBe('OFFER_RECEIVED');
    expect(studentSituation({ ...none, applications: [...apps, { status: 'HIRED' }] })).toBe('HIRED');
    expect(studentSituation({ ...none, applications: apps, exitOutcome: 'EMPLOYED' })).toBe('HIRED');
    expect(studentSituation({ ...none, applications: apps, exitOutcome: 'FURTHER_STUDIES' })).toBe(
      'CONTINUING_STUDIES',
    );
    expect(studentSituation({ ...none, exitOutcome: 'SEEKING' })).toBe('SEARCHING');
  });
});
