import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
// Each module's schema file registers its types and fields on the builder; import new modules here.
import '../modules/auth/auth.schema';
import '../modules/school/school.schema';
import '../modules/company/company.schema';
import '../modules/student/student.schema';
import '../modules/notification/notification.schema';
import '../modules/notification/notification.preferences.schema';
import '../modules/job-promise/job-promise.schema';
import '../modules/application/application.schema';
import '../modules/recommendation/recommendation.schema';
import '../modules/matching/matching.schema';
import '../modules/place/place.graphql';
import './pending.schema';

let schema: GraphQLSchema | null = null;

/** The executable schema, built once per process (the builder is module-global). */
export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}
