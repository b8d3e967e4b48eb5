import {
  INVITATION_VALIDITY_DAYS,
  INVITATION_VALIDITY_MS,
  acceptInvitationSchema,
  inviteUserSchema,
  isValidSiret,
  logInSchema,
  luhnValid,
  registerCompanySchema,
  siretSchema,
  withLuhnCheckDigit,
} from '..';

describe('SIRET', () => {
  it('completes 13 digits with the one Luhn check digit', () => {
    expect(withLuhnCheckDigit('7328293200007')).toBe('73282932000074');
    for (const base of ['0000000000000', '1234567890123', '9999999999999']) {
      const siret = withLuhnCheckDigit(base);
      expect(siret.startsWith(base)).toBe(true);
      expect(isValidSiret(siret)).toBe(true);
    }
    expect(() => withLuhnCheckDigit('123')).toThrow('13 digits expected');
  });

  it('accepts Luhn-valid 14-digit SIRETs', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('35600000000048')).toBe(true); // La Poste head office, Luhn-valid too
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('')).toBe(false);
  });

  it('accepts La Poste establishments by the digit-sum rule, only for La Poste', () => {
    // 3+5+6+0...+1+2+3+5 = 25: multiple of 5, but not Luhn-valid.
    const laPoste = '35600000001235';
    expect(luhnValid(laPoste)).toBe(false);
    expect(isValidSiret(laPoste)).toBe(true);
    expect(isValidSiret('35600000001237')).toBe(false); // sum 27, not Luhn
    // Same digit sum outside La Poste's SIREN: rejected.
    const other = '12300000003330'; // digit sum 15
    expect(luhnValid(other)).toBe(false);
    expect(isValidSiret(other)).toBe(false);
  });

  it('normalises spaces in the schema', () => {
    expect(siretSchema.parse('732 829 320 00074')).toBe('73282932000074');
    const r = siretSchema.safeParse('732 829 320 00075');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Ce numéro SIRET n’est pas valide');
    expect(siretSchema.safeParse('1234').error?.issues[0]?.message).toMatch(/14 chiffres/);
  });
});

const goodCompany = {
  companyName: ' Métallerie Dupont ',
  siret: '73282932000074',
  email: 'RH@Dupont.fr',
  password: 'correct horse battery',
  contactName: 'Marie Dupont',
  city: 'Lyon',
  location: { lat: 45.76, lng: 4.83 },
};

describe('auth schemas', () => {
  it('parses a good company registration', () => {
    expect(registerCompanySchema.parse(goodCompany)).toEqual({
      ...goodCompany,
      companyName: 'Métallerie Dupont',
      email: 'rh@dupont.fr',
    });
  });

  it('reports each bad field by path', () => {
    const r = registerCompanySchema.safeParse({
      ...goodCompany,
      siret: '73282932000075',
      password: 'short',
      companyName: 'x'.repeat(101),
      location: { lat: 0, lng: 200 },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'companyName',
      'location.lng',
      'password',
      'siret',
    ]);
  });

  it('log in needs an e-mail and a non-empty password, no length rule', () => {
    expect(logInSchema.safeParse({ email: 'a@b.fr', password: 'x' }).success).toBe(true);
    expect(logInSchema.safeParse({ email: 'a@b.fr', password: '' }).success).toBe(false);
    expect(logInSchema.safeParse({ email: 'nope', password: 'x' }).error?.issues[0]?.path).toEqual(['email']);
  });

  it('accepting an invitation needs a code, a strong password and names', () => {
    const ok = { code: 'abcdefgh1234', password: '0123456789', firstName: 'Lucie', lastName: 'Martin' };
    expect(acceptInvitationSchema.safeParse(ok).success).toBe(true);
    const bad = acceptInvitationSchema.safeParse({ ...ok, code: 'x'.repeat(500), password: '123', firstName: ' ' });
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['code', 'firstName', 'password']);
  });

  it('invites only students and school staff', () => {
    const schoolId = '64b7f0c2a1d3e4f5a6b7c8d9';
    expect(inviteUserSchema.parse({ email: 'A@b.fr', role: 'STUDENT', schoolId })).toEqual({
      email: 'a@b.fr',
      role: 'STUDENT',
      schoolId,
    });
    expect(inviteUserSchema.parse({ email: 'a@b.fr', role: 'SCHOOL_STAFF', schoolId: null }).schoolId).toBeUndefined();
    expect(inviteUserSchema.safeParse({ email: 'a@b.fr', role: 'FEDERATION_ADMIN', schoolId }).success).toBe(false);
    expect(inviteUserSchema.safeParse({ email: 'a@b.fr', role: 'COMPANY_RECRUITER' }).success).toBe(false);
    expect(
      inviteUserSchema.safeParse({ email: 'a@b.fr', role: 'STUDENT', schoolId: 'nope' }).error?.issues[0]?.path,
    ).toEqual(['schoolId']);
  });

  it('invitations last 14 days', () => {
    expect(INVITATION_VALIDITY_DAYS).toBe(14);
    expect(INVITATION_VALIDITY_MS).toBe(14 * 86_400_000);
  });
});
