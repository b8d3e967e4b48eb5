import type * as z from 'zod';
import { forbidden, parseInput, unauthenticated, type Role } from '@promesse/shared';
import type { Actor } from './actor';
import type { AppDeps } from './deps';

// One shape for every use case (after gip-inclusion/immersion-facile's use-case builder): an input validated by a
// shared zod schema, the actor, the dependencies. Nothing here knows GraphQL, Express or socket.io, so resolvers,
// socket handlers, seeds, jobs and scripts all call the same function:
//
//   export const createSchool = defineUseCase({
//     name: 'createSchool', input: createSchoolSchema, access: ['FEDERATION_ADMIN'],
//     run: (input, { actor, deps }) => ...,
//   });
//   await createSchool(ctx, args.input); // ctx: { deps, actor } — a GraphQL context is one

/** Who may call: anyone (actor may be null), any signed-in user, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface UseCaseCaller<A extends Actor | null = Actor | null> {
  deps: AppDeps;
  actor: A;
  /** The client's address when the call comes from the network (log-in throttling); absent for jobs and seeds. */
  ip?: string;
}

type ActorFor<X extends Access> = X extends 'public' ? Actor | null : Actor;

export interface UseCaseSpec<S extends z.ZodType, X extends Access, R> {
  /** For logs and traces. */
  name: string;
  /** The shared zod schema of the input: the web validates with the same one. */
  input: S;
  access: X;
  /** Field paths of validation errors start with this (`input` for a GraphQL `input:` argument). */
  inputPath?: string;
  /** Extra checks once the input is valid and before any write; throw FORBIDDEN / NOT_FOUND. */
  authorize?: (input: z.output<S>, caller: UseCaseCaller<ActorFor<X>>) => void | Promise<void>;
  run: (input: z.output<S>, caller: UseCaseCaller<ActorFor<X>>) => Promise<R>;
}

export type UseCase<S extends z.ZodType, R> = ((caller: UseCaseCaller, input: z.input<S>) => Promise<R>) & {
  readonly useCaseName: string;
  readonly inputSchema: S;
};

function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw unauthenticated();
  if (access !== 'authenticated' && !access.includes(actor.role)) throw forbidden();
}

export function defineUseCase<S extends z.ZodType, const X extends Access, R>(
  spec: UseCaseSpec<S, X, R>,
): UseCase<S, R> {
  const execute = async (caller: UseCaseCaller, rawInput: z.input<S>): Promise<R> => {
    // Access first: an anonymous or wrong-role caller learns nothing from validation messages.
    checkAccess(spec.access, caller.actor);
    const input = parseInput(spec.input, rawInput, spec.inputPath);
    const typed = caller as UseCaseCaller<ActorFor<X>>;
    await spec.authorize?.(input, typed);
    return spec.run(input, typed);
  };
  return Object.assign(execute, { useCaseName: spec.name, inputSchema: spec.input });
}
