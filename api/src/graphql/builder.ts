import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Types } from 'mongoose';
import { badUserInput, dateInputSchema, forbidden, Role, unauthenticated } from '@promesse/shared';
import type { GraphQLContext, SignedInContext } from './context';

export interface AuthScopes {
  authenticated: boolean;
  student: boolean;
  schoolStaff: boolean;
  companyRecruiter: boolean;
  federationAdmin: boolean;
}

type StandardIssue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> };

function issuePath(issue: StandardIssue): string {
  return (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
}

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: AuthScopes;
  // `t.withAuth({ student: true })` narrows ctx.actor to non-null: resolvers never write `ctx.actor!`.
  AuthContexts: { [S in keyof AuthScopes]: SignedInContext };
  // Fields are non-null unless marked `nullable: true` (the contract's `!` everywhere but a few lookups).
  DefaultFieldNullability: false;
  Scalars: {
    // Mongo ObjectIds serialize to their hex string through graphql's ID scalar.
    ID: { Input: string; Output: string | Types.ObjectId };
    DateTime: { Input: Date; Output: Date | string };
  };
}>({
  defaultFieldNullability: false,
  // scope-auth first so no other plugin's resolver wrapper runs before authorization.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.actor !== null,
      student: ctx.actor?.role === Role.STUDENT,
      schoolStaff: ctx.actor?.role === Role.SCHOOL_STAFF,
      companyRecruiter: ctx.actor?.role === Role.COMPANY_RECRUITER,
      federationAdmin: ctx.actor?.role === Role.FEDERATION_ADMIN,
    }),
    // Anonymous (no token, or a bad/expired one) -> UNAUTHENTICATED; a known actor lacking the scope -> FORBIDDEN.
    unauthorizedError: (_parent, ctx) => {
      if (!ctx.actor) {
        return unauthenticated(
          ctx.authProblem === 'EXPIRED'
            ? 'error.sessionExpired'
            : ctx.authProblem === 'INVALID'
              ? 'error.invalidToken'
              : 'error.UNAUTHENTICATED',
        );
      }
      return forbidden();
    },
  },
  errors: { defaultTypes: [] },
  validation: {
    validationError: (result) => {
      const fieldIssues = result.issues.map((issue) => ({ path: issuePath(issue), message: issue.message }));
      const first = fieldIssues[0];
      if (!first) return badUserInput('error.BAD_USER_INPUT');
      return first.path
        ? badUserInput('error.invalidField', { path: first.path, message: first.message }, fieldIssues)
        : badUserInput(first.message, undefined, fieldIssues);
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Ids are plain database ids (CONTRACT.md), not Relay global ids: no node/nodes root fields.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.queryType({});
builder.mutationType({});

builder.scalarType('DateTime', {
  description: 'ISO 8601 date-time, e.g. 2026-09-01T08:00:00.000Z',
  serialize: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
  parseValue: (value) => {
    // Strings go through the shared rule (ISO only; a date-only value must exist: no 2026-02-30 turning into March).
    const date =
      typeof value === 'string'
        ? (dateInputSchema.safeParse(value).data ?? null)
        : typeof value === 'number'
          ? new Date(value)
          : null;
    if (!date || Number.isNaN(date.getTime())) {
      throw badUserInput('error.invalidDate');
    }
    return date;
  },
});
