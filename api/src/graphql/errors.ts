import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  ProvidedRequiredArgumentsRule,
  specifiedRules,
  ValuesOfCorrectTypeRule,
  type ValidationRule,
} from 'graphql';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import { z } from 'zod';
import {
  appError,
  badUserInput,
  fromZodError,
  isAppError,
  notFound,
  type AppError,
  type ErrorCode,
} from '@promesse/shared';
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
    extensions: { ...appError.toExtensions(), ...retryAfter(appError) },
  });
}

/** CONTRACT v2: TOO_MANY_REQUESTS carries `extensions.retryAfterSeconds` (also kept in params and details). */
function retryAfter(appError: AppError): { retryAfterSeconds?: number } {
  const seconds = appError.params?.['retryAfterSeconds'];
  return appError.code === 'TOO_MANY_REQUESTS' && typeof seconds === 'number' ? { retryAfterSeconds: seconds } : {};
}

function withBadUserInputCode(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode },
  });
}

/**
 * Variable coercion (graphql-js `getVariableValues`: "Variable "$x" got invalid value…", "…was not provided"): the
 * client's input is wrong. Those errors point at the variable's definition, with no path.
 */
function isVariableCoercionError(error: GraphQLError): boolean {
  if (error.path) return false;
  if (error.nodes?.length) return error.nodes.every((node) => node.kind === Kind.VARIABLE_DEFINITION);
  // Built without its AST (a client library, a test): graphql-js' wording is all there is to go on.
  return !error.originalError && error.message.startsWith('Variable "$');
}

/**
 * The single error mapper: returns the client-facing GraphQL error for a known error, or null for an unexpected one.
 * Resolvers can throw AppError, ZodError, mongoose errors or coded GraphQLErrors; graphql-js' own request errors
 * (syntax, validation, variable coercion) pass as they are, variable coercion coded BAD_USER_INPUT.
 */
export function mapError(error: unknown): GraphQLError | null {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (!original || original instanceof GraphQLError) {
      // graphql-js wraps the inner coercion error of an invalid variable value (wrong enum, missing input field)
      // as originalError: still the client's input.
      if (!codeOf(error) && isVariableCoercionError(error)) return withBadUserInputCode(error);
      // A GraphQLError thrown on purpose (by us or a plugin) is meant for the client, as yoga's default does.
      return error;
    }
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

// graphql-js validation rules about argument values: a wrong enum value, a missing required field or argument is
// bad input, not a broken query. Recognised by rule, not by message: their errors are reported coded.
const BAD_INPUT_RULES: ReadonlySet<ValidationRule> = new Set([ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule]);

function reportingBadUserInput(rule: ValidationRule): ValidationRule {
  return (context) =>
    rule(
      new Proxy(context, {
        get(target, key, receiver) {
          if (key === 'reportError') return (error: GraphQLError) => target.reportError(withBadUserInputCode(error));
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
}

const taggedRules = new Map([...BAD_INPUT_RULES].map((rule) => [rule, reportingBadUserInput(rule)]));

export function useBadUserInputValidationCodes(): Plugin {
  return {
    onValidate({ setValidationFn, validateFn }) {
      setValidationFn((schema, document, rules, ...rest) => {
        const tagged = (rules ?? specifiedRules).map((rule: ValidationRule) => taggedRules.get(rule) ?? rule);
        return validateFn(schema, document, tagged, ...rest);
      });
    },
  };
}

/**
 * graphql-armor `onReject`: its rejections (depth, aliases, cost, tokens, directives) carry a code like every other
 * refusal, so clients can tell a too-complex query from a broken server.
 */
export function codeArmorRejection(_context: unknown, error: GraphQLError): void {
  Object.assign(error.extensions as Record<string, unknown>, {
    code: 'BAD_USER_INPUT' satisfies ErrorCode,
    reason: 'security.queryTooComplex',
  });
}

/** Production: introspection refused at validation (FORBIDDEN, reason security.introspectionDisabled). */
export function useNoIntrospection(): Plugin {
  const rule: ValidationRule = (context) =>
    NoSchemaIntrospectionCustomRule(
      new Proxy(context, {
        get(target, key, receiver) {
          if (key === 'reportError') {
            return (error: GraphQLError) => {
              Object.assign(error.extensions as Record<string, unknown>, {
                code: 'FORBIDDEN' satisfies ErrorCode,
                reason: 'security.introspectionDisabled',
              });
              target.reportError(error);
            };
          }
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
