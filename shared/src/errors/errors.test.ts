import * as z from 'zod';
import {
  AppError,
  ERROR_CODES,
  ERROR_MESSAGES,
  conflict,
  errorMessage,
  fromZodError,
  isAppError,
  notFound,
  parseInput,
  registerCompanySchema,
} from '..';

describe('error catalog', () => {
  it('lists the contract codes with French and English messages', () => {
    expect(ERROR_CODES).toEqual([
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'BAD_USER_INPUT',
      'NOT_FOUND',
      'CONFLICT',
      'TOO_MANY_REQUESTS',
      'INTERNAL_SERVER_ERROR',
    ]);
    for (const c of ERROR_CODES) {
      expect(ERROR_MESSAGES.fr[c]).toMatch(/\S/);
      expect(ERROR_MESSAGES.en[c]).toMatch(/\S/);
    }
    expect(errorMessage('NOT_FOUND')).toBe(ERROR_MESSAGES.fr.NOT_FOUND);
    expect(errorMessage('SOMETHING_ELSE', 'en')).toBe(ERROR_MESSAGES.en.INTERNAL_SERVER_ERROR);
    expect(errorMessage(undefined)).toBe(ERROR_MESSAGES.fr.INTERNAL_SERVER_ERROR);
  });

  it('builds AppErrors with codes and details', () => {
    const e = notFound('JobPromise', 'abc');
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('Promesse d’embauche introuvable');
    expect(e.details).toEqual({ entity: 'JobPromise', id: 'abc' });
    expect(e.httpStatus).toBe(404);
    expect(notFound('Widget').message).toBe('Widget introuvable');
    expect(conflict('déjà fait').toExtensions()).toEqual({ code: 'CONFLICT' });
  });

  it('recognises AppErrors structurally', () => {
    expect(isAppError(conflict('x'))).toBe(true);
    expect(isAppError({ name: 'AppError', code: 'CONFLICT', message: 'x' })).toBe(true);
    expect(isAppError({ name: 'AppError', code: 'NOPE' })).toBe(false);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError(null)).toBe(false);
  });

  it('turns zod errors into BAD_USER_INPUT with field paths', () => {
    const schema = z.object({ location: z.object({ lat: z.number().max(90, 'trop grand') }) });
    const r = schema.safeParse({ location: { lat: 100 } });
    expect(r.success).toBe(false);
    const e = fromZodError(r.error!, 'input');
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.fieldIssues).toEqual([{ path: 'input.location.lat', message: 'trop grand' }]);
    expect(e.message).toBe('input.location.lat\u00a0: trop grand');
  });

  it('parseInput returns parsed data or throws BAD_USER_INPUT', () => {
    try {
      parseInput(registerCompanySchema, { companyName: 'ACME', siret: '123' });
      throw new Error('should have thrown');
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('BAD_USER_INPUT');
      const paths = (e as AppError).fieldIssues!.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['siret', 'email', 'password', 'contactName', 'city', 'location']));
    }
  });
});
