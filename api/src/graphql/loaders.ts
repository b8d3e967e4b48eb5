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

// Per-request batch loaders: one query per relation per tick, whatever the shape of the GraphQL query.
export function createLoaders(deps: DataDeps) {
  return {
    ...createAuthLoaders(deps),
    ...createSchoolLoaders(deps),
    ...createCompanyLoaders(deps),
    ...createStudentLoaders(deps),
    ...createJobPromiseLoaders(deps),
    ...createApplicationLoaders(deps),
    ...createRecommendationLoaders(deps),
    ...createOutcomeLoaders(deps),
    ...createConversationLoaders(deps),
    ...createInterviewLoaders(deps),
    ...createAccessLogLoaders(deps),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
