import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import { z } from 'zod';
import { appError, badUserInput, fromZodError, isAppError, notFound, type AppError, type ErrorCode } from '@promesse/shared';
import { isDuplicateKeyError } from '../core/ids';

// One place turning what services throw into GraphQL errors carrying `extensions.code`; anything not recognised
// here is masked by yoga as INTERNAL_SERVER_ERROR (and logged with its original stack).

function isZodError(error: unknown): error is z.ZodError {
  return error instanceof z.ZodError || (error instanceof Error && error.name === 'ZodError' && 'issues' in error);
}

interface MongooseCastError extends Error {
  name: 'CastError';
  path: string;
  kind?: string;
  value?: unknown;
  model?: { modelName?: string };
}

function isCastError(error: unknown): error is MongooseCastError {
  return error instanceof Error && error.name === 'CastError' && typeof (error as { path?: unknown }).path === 'string';
}

interface MongooseValidationError extends Error {
  name: 'ValidationError';
  errors: Record<string, { path?: string; message: string }>;
}

function isMongooseValidationError(error: unknown): error is MongooseValidationError {
  return (
    error instanceof Error &&
    error.name === 'ValidationError' &&
    typeof (error as { errors?: unknown }).errors === 'object'
  );
}

/** Converts a known error into an AppError; null when the error is unexpected (and must be masked). */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (isZodError(error)) return fromZodError(error);
  if (isCastError(error)) {
    // A malformed id can only designate nothing; any other cast failure is bad input in that field.
    if (error.path === '_id' || error.kind === 'ObjectId') {
      // Query casts carry the model only in their message ("... at path "_id" for model "User"").
      const entity = error.model?.modelName ?? /for model "([^"]+)"/.exec(error.message)?.[1] ?? 'Object';
      return notFound(entity, String(error.value));
    }
    const invalid = badUserInput('error.invalidValue');
    return badUserInput('error.invalidField', { path: error.path, message: invalid.message }, [
      { path: error.path, message: invalid.message },
    ]);
  }
  if (isMongooseValidationError(error)) {
    const fieldIssues = Object.entries(error.errors).map(([path, e]) => ({ path: e.path ?? path, message: e.message }));
    const first = fieldIssues[0];
    return first
      ? badUserInput('error.invalidField', { path: first.path, message: first.message }, fieldIssues)
      : badUserInput('error.BAD_USER_INPUT', undefined, fieldIssues);
  }
  if (isDuplicateKeyError(error)) {
    const fields = Object.keys(error.keyValue ?? {});
    return appError('CONFLICT', 'error.alreadyExists', undefined, { details: fields.length ? { fields } : undefined });
  }
  return null;
}

function codeOf(error: GraphQLError): string | undefined {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}

/** Builds the GraphQL error for an AppError, keeping the location/path of the error it replaces. */
export function appErrorToGraphQL(appError: AppError, at?: GraphQLError, message = appError.message): GraphQLError {
  return new GraphQLError(message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    originalError: appError,
    extensions: appError.toExtensions(),
  });
}

/**
 * The single error mapper: returns the client-facing GraphQL error for a known error, or null for an unexpected one.
 * Resolvers can throw AppError, ZodError, mongoose errors or coded GraphQLErrors; graphql-js' own request errors
 * (syntax, validation, variable coercion) pass as they are.
 */
export function mapError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    // graphql-js wraps the inner coercion error of an invalid variable value (wrong enum, missing input field) as
    // originalError: still the client's input, so it takes the same path.
    if (!original || (original instanceof GraphQLError && /^Variable "\$/.test(error.message))) {
      // Variable coercion ("Variable "$x" got invalid value ...") is the client's input being wrong.
      if (!codeOf(error) && /^Variable "\$/.test(error.message)) {
        return new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode },
        });
      }
      return error;
    }
    // A GraphQLError thrown on purpose (by us or a plugin) is meant for the client, as yoga's default does.
    if (original instanceof GraphQLError) return error;
    const appError = toAppError(original);
    if (!appError) return null;
    // Without a path the error is request-level (e.g. a scalar refusing a variable): graphql's message names it.
    return appErrorToGraphQL(appError, error, error.path ? appError.message : error.message);
  }
  const appError = toAppError(error);
  return appError ? appErrorToGraphQL(appError) : null;
}

/** yoga `maskedErrors.maskError`: coded errors through, everything else INTERNAL_SERVER_ERROR. */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  return mapError(error) ?? yogaMaskError(error, message, isDev);
}

// Messages of graphql-js validation rules about argument values (ValuesOfCorrectType, ProvidedRequiredArguments):
// a wrong enum value or a missing required field is bad input, not a broken query.
const BAD_INPUT_VALIDATION =
  /^(Expected value of type|Enum "[^"]+" cannot represent|\w+ cannot represent|Value "[^"]*" does not exist in|Field "[^"]+" of required type|Field "[^"]+" is not defined by type|Field "[^"]+" argument "[^"]+" of type "[^"]+" is required)/;

export function useBadUserInputValidationCodes(): Plugin {
  return {
    onValidate() {
      return ({ valid, result }) => {
        if (valid) return;
        for (const error of result) {
          if (!BAD_INPUT_VALIDATION.test(error.message)) continue;
          const extensions = error.extensions as Record<string, unknown>;
          extensions['code'] = 'BAD_USER_INPUT' satisfies ErrorCode;
        }
      };
    },
  };
}
