import type { ActorKind } from './common.enum';

/** One edge of a state machine: a named action, who may perform it. */
export interface Transition<S extends string, A extends string = string> {
  action: A;
  from: S;
  to: S;
  actors: readonly ActorKind[];
}

export interface StateMachine<S extends string, A extends string = string> {
  readonly transitions: readonly Transition<S, A>[];
  /** True when `from -> to` exists; when `actor` is given, also that this actor may perform it. */
  canTransition(from: S, to: S, actor?: ActorKind): boolean;
  /** Statuses reachable in one move from `from` (by `actor` when given), without duplicates, in declaration order. */
  nextStatuses(from: S, actor?: ActorKind): S[];
  /** The transition of `action` from `from`, if any. */
  transitionFor(action: A, from: S): Transition<S, A> | undefined;
}

export function createStateMachine<S extends string, A extends string>(
  transitions: readonly Transition<S, A>[],
): StateMachine<S, A> {
  const ok = (t: Transition<S, A>, actor?: ActorKind) => actor === undefined || t.actors.includes(actor);
  return {
    transitions,
    canTransition: (from, to, actor) => transitions.some((t) => t.from === from && t.to === to && ok(t, actor)),
    nextStatuses: (from, actor) => {
      const out: S[] = [];
      for (const t of transitions) if (t.from === from && ok(t, actor) && !out.includes(t.to)) out.push(t.to);
      return out;
    },
    transitionFor: (action, from) => transitions.find((t) => t.action === action && t.from === from),
  };
}
