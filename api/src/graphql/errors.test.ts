import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { AppError, notFound, Role } from '@promesse/shared';
import { IN_MEMORY, loadEnv } from '../config/env';
import { connectDatabase, type Database } from '../db/database';
import { createLogger } from '../logger';
import { userModel } from '../modules/auth/auth.model';
import { mapError, maskError } from './errors';

// What graphql-js does with an error thrown in a resolver: wraps it, with a path.
function thrownInResolver(error: unknown): GraphQLError {
  return new GraphQLError(error instanceof Error ? error.message : String(error), {
    path: ['someField'],
    originalError: error instanceof Error ? error : undefined,
  });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('error mapping', () => {
  let db: Database;

  beforeAll(async () => {
    const env = loadEnv({ NODE_ENV: 'test', DATA_DIR: IN_MEMORY, LOG_LEVEL: 'silent' });
    db = await connectDatabase(env, createLogger(env));
  });
  afterAll(() => db?.close());

  it('passes AppError with its code, details and field issues, keeping the path', () => {
    const mapped = maskError(thrownInResolver(notFound('JobPromise', 'abc')), 'Unexpected error.');
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect((mapped as GraphQLError).toJSON()).toEqual({
      message: 'Promesse d’embauche introuvable',
      path: ['someField'],
      extensions: {
        code: 'NOT_FOUND',
        reason: 'error.notFound',
        params: { entity: 'JobPromise' },
        details: { entity: 'JobPromise', id: 'abc' },
      },
    });
  });

  it('turns a ZodError into BAD_USER_INPUT with field issues', () => {
    const result = z.object({ siret: z.string().length(14) }).safeParse({ siret: '123' });
    expect(result.success).toBe(false);
    const mapped = mapError(thrownInResolver(result.error));
    expect(mapped?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ path: 'siret', message: expect.any(String) }],
    });
  });

  it('turns a malformed id (mongoose CastError) into NOT_FOUND', async () => {
    const error = await caught(userModel(db.connection).findById('not-an-id').exec());
    expect((error as Error).name).toBe('CastError');
    expect(mapError(thrownInResolver(error))?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'User', id: 'not-an-id' },
    });
  });

  it('turns a cast failure of another field into BAD_USER_INPUT', async () => {
    const error = await caught(userModel(db.connection).find({ createdAt: 'not-a-date' }).exec());
    expect(mapError(thrownInResolver(error))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ path: 'createdAt' }],
    });
  });

  it('turns a mongoose ValidationError into BAD_USER_INPUT', async () => {
    const error = await caught(
      // @ts-expect-error an invalid role and missing fields, on purpose
      userModel(db.connection).create({ email: 'x@example.org', role: 'NOT_A_ROLE' }),
    );
    const mapped = mapError(thrownInResolver(error));
    expect(mapped?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((mapped?.extensions?.['fieldIssues'] as { path: string }[]).map((i) => i.path).sort()).toEqual(
      ['displayName', 'passwordHash', 'role'].sort(),
    );
  });

  it('turns a duplicate key (E11000, from the unique index) into CONFLICT', async () => {
    const User = userModel(db.connection);
    const doc = { email: 'twice@example.org', passwordHash: 'h', role: Role.STUDENT, displayName: 'Twice' };
    await User.create(doc);
    const error = await caught(User.create({ ...doc, email: 'TWICE@example.org' }));
    expect((error as { code?: number }).code).toBe(11000);
    expect(mapError(thrownInResolver(error))?.extensions).toMatchObject({
      code: 'CONFLICT',
      details: { fields: ['email'] },
    });
  });

  it('masks anything else as INTERNAL_SERVER_ERROR without leaking its message', () => {
    const masked = maskError(thrownInResolver(new Error('secret connection string')), 'Unexpected error.', false);
    expect(masked).toBeInstanceOf(GraphQLError);
    expect(masked.message).toBe('Unexpected error.');
    expect((masked as GraphQLError).extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(masked)).not.toContain('secret');
    expect(maskError(new TypeError('boom'), 'Unexpected error.', false).message).toBe('Unexpected error.');
  });

  it('lets intentional GraphQL errors and graphql-js request errors through, coding variable errors', () => {
    const coded = new GraphQLError('Slow down', { extensions: { code: 'TOO_MANY_REQUESTS' } });
    expect(mapError(thrownInResolver(coded))?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const syntax = new GraphQLError('Syntax Error: Expected Name, found <EOF>.');
    expect(mapError(syntax)).toBe(syntax);
    const variable = new GraphQLError('Variable "$id" of required type "ID!" was not provided.');
    expect(mapError(variable)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('uses graphql-js wording for request-level AppErrors (a scalar refusing a variable)', () => {
    const wrapped = new GraphQLError('Variable "$at" got invalid value "x"; Date invalide', {
      originalError: new AppError('BAD_USER_INPUT', 'Date invalide'),
    });
    const mapped = mapError(wrapped);
    expect(mapped?.message).toBe('Variable "$at" got invalid value "x"; Date invalide');
    expect(mapped?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
