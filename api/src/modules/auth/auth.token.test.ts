import { bearerToken, signToken, TokenError, verifyToken } from './auth.token';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

describe('auth tokens', () => {
  it('round-trips sub and role', async () => {
    const token = await signToken({ sub: '64b7f0c2a1b2c3d4e5f60718', role: 'STUDENT' }, SECRET);
    await expect(verifyToken(token, SECRET)).resolves.toEqual({ sub: '64b7f0c2a1b2c3d4e5f60718', role: 'STUDENT' });
  });

  it('refuses another secret, garbage and expired tokens', async () => {
    const token = await signToken({ sub: 'u1', role: 'STUDENT' }, SECRET);
    await expect(verifyToken(token, `${SECRET}x`)).rejects.toMatchObject({ problem: 'INVALID' });
    await expect(verifyToken('not.a.token', SECRET)).rejects.toBeInstanceOf(TokenError);
    const expired = await signToken({ sub: 'u1', role: 'STUDENT' }, SECRET, -10);
    await expect(verifyToken(expired, SECRET)).rejects.toMatchObject({ problem: 'EXPIRED' });
  });

  it('reads bearer headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
