import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
// Each module's schema file registers its types and fields on the builder; import new modules here.
import '../modules/auth/auth.graphql';
import '../modules/school/school.graphql';
import '../modules/company/company.graphql';
import '../modules/student/student.graphql';
import '../modules/notification/notification.graphql';
import '../modules/job-promise/job-promise.graphql';
import '../modules/application/application.graphql';
import '../modules/recommendation/recommendation.graphql';
import '../modules/matching/matching.graphql';
import '../modules/place/place.graphql';
import '../modules/mail/mail.graphql';
import '../modules/scheduler/scheduler.graphql';
import '../modules/roster/roster.graphql';
import '../modules/outcome/outcome.graphql';
import '../modules/conversation/conversation.graphql';
import '../modules/interview/interview.graphql';
import '../modules/application/application.offer.graphql';
import '../modules/job-promise/job-promise.edit.graphql';
import '../modules/company/company.profile.graphql';
import '../modules/auth/auth.colleague.graphql';
import '../modules/auth/auth.credentials.graphql';
import '../modules/job-alert/job-alert.graphql';
import '../modules/privacy/privacy.graphql';
import '../modules/access-log/access-log.graphql';

let schema: GraphQLSchema | null = null;

/** The executable schema, built once per process (the builder is module-global). */
export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}
