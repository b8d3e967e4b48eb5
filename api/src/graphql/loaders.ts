import type { DataDeps } from '../core/deps';
import { createAuthLoaders } from '../modules/auth/auth.loaders';
import { createCompanyLoaders } from '../modules/company/company.loaders';
import { createSchoolLoaders } from '../modules/school/school.loaders';
import { createStudentLoaders } from '../modules/student/student.loaders';
import { createJobPromiseLoaders } from '../modules/job-promise/job-promise.loaders';
import { createApplicationLoaders } from '../modules/application/application.loaders';
import { createRecommendationLoaders } from '../modules/recommendation/recommendation.loaders';
import { createOutcomeLoaders } from '../modules/outcome/outcome.loaders';
import { createConversationLoaders } from '../modules/conversation/conversation.loaders';
import { createInterviewLoaders } from '../modules/interview/interview.loaders';
import { createAccessLogLoaders } from '../modules/access-log/access-log.loaders';

const GROUPS = [
  createAuthLoaders,
  createSchoolLoaders,
  createCompanyLoaders,
  createStudentLoaders,
  createJobPromiseLoaders,
  createApplicationLoaders,
  createRecommendationLoaders,
  createOutcomeLoaders,
  createConversationLoaders,
  createInterviewLoaders,
  createAccessLogLoaders,
] as const;

type Group = (typeof GROUPS)[number];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Per-request batch loaders: one query per relation per tick, whatever the shape of the GraphQL query. */
export type Loaders = UnionToIntersection<ReturnType<Group>>;

interface LazyLoaders {
  deps: DataDeps;
  groups: (Record<string, unknown> | undefined)[];
}

// A request uses a few of the ~40 loaders: building them all was 2 % of a list request's CPU (profile of issue
// 19). So a request gets an object whose loaders are built on first use, a module's group at a time. The getters
// live on one prototype, made on the first call (when the groups' keys are first known).
let prototype: object | null = null;

function loadersPrototype(deps: DataDeps): object {
  if (prototype) return prototype;
  const proto: object = {};
  GROUPS.forEach((create, index) => {
    for (const key of Object.keys(create(deps))) {
      Object.defineProperty(proto, key, {
        enumerable: true,
        get(this: LazyLoaders) {
          const group = (this.groups[index] ??= create(this.deps) as Record<string, unknown>);
          return group[key];
        },
      });
    }
  });
  return (prototype = proto);
}

export function createLoaders(deps: DataDeps): Loaders {
  const loaders: LazyLoaders = Object.create(loadersPrototype(deps));
  loaders.deps = deps;
  loaders.groups = [];
  return loaders as unknown as Loaders;
}
