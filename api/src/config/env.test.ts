import path from 'node:path';
import { EnvError, IN_MEMORY, loadEnv } from './env';
import { findRepoRoot } from './paths';

const root = findRepoRoot();
const STRONG = 'x'.repeat(32);

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      MONGODB_URI: undefined,
      DATA_DIR: path.join(root, '.data'),
      SEED_DEMO: false,
      LOG_LEVEL: 'info',
      WEB_DIST_DIR: path.join(root, 'web', 'dist'),
      JWT_SECRET_GENERATED: true,
    });
    expect(env.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.CORS_ORIGINS).toContain('http://localhost:5173');
  });

  it('parses values and treats empty strings as unset', () => {
    const env = loadEnv({
      PORT: '0',
      MONGODB_URI: 'mongodb://mongo:27017/promesse?replicaSet=rs0',
      DATA_DIR: IN_MEMORY,
      SEED_DEMO: 'TRUE',
      JWT_SECRET: 'dev-secret',
      LOG_LEVEL: 'silent',
      BOOTSTRAP_ADMIN_EMAIL: 'Admin@Example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password',
      CORS_ORIGIN: 'https://a.example, https://b.example',
      HOST: '',
    });
    expect(env).toMatchObject({
      PORT: 0,
      MONGODB_URI: 'mongodb://mongo:27017/promesse?replicaSet=rs0',
      DATA_DIR: IN_MEMORY,
      SEED_DEMO: true,
      JWT_SECRET: 'dev-secret',
      JWT_SECRET_GENERATED: false,
      BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org',
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      HOST: undefined,
    });
    expect(loadEnv({ DATA_DIR: '/var/lib/promesse' }).DATA_DIR).toBe('/var/lib/promesse');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ MONGODB_URI: 'http://localhost' }, 'MONGODB_URI'],
    [
      { BOOTSTRAP_ADMIN_EMAIL: 'not-an-email', BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-password' },
      'BOOTSTRAP_ADMIN_EMAIL',
    ],
    [{ BOOTSTRAP_ADMIN_EMAIL: 'a@b.org' }, 'set both or neither'],
    [{ BOOTSTRAP_ADMIN_EMAIL: 'a@b.org', BOOTSTRAP_ADMIN_PASSWORD: 'short' }, 'at least 10'],
  ])('refuses %j with a message naming %s', (source, fragment) => {
    expect(() => loadEnv(source)).toThrow(EnvError);
    expect(() => loadEnv(source)).toThrow(fragment);
  });

  it('requires a strong JWT_SECRET in production only', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const env = loadEnv({ NODE_ENV: 'production', JWT_SECRET: STRONG });
    expect(env.JWT_SECRET).toBe(STRONG);
    expect(env.CORS_ORIGINS).toEqual([]);
    expect(loadEnv({ NODE_ENV: 'test', JWT_SECRET: 'short' }).JWT_SECRET).toBe('short');
  });
});
