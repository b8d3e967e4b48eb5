import type { UserDoc } from '../modules/auth/auth.model';
import type { CompanyDoc, PartnershipDoc } from '../modules/company/company.model';
import type { JobPromiseDoc } from '../modules/job-promise/job-promise.model';
import type { ApplicationDoc } from '../modules/application/application.model';
import type { RecommendationDoc } from '../modules/recommendation/recommendation.model';
import type { SchoolDoc } from '../modules/school/school.model';
import type { StudentDoc } from '../modules/student/student.model';
import { builder } from './builder';

// The object types that several modules point at, declared once here and implemented by their own module's
// `*.graphql.ts`: modules reference each other's types without importing each other (no cycles).
export const UserRef = builder.objectRef<UserDoc>('User');
export const SchoolRef = builder.objectRef<SchoolDoc>('School');
export const CompanyRef = builder.objectRef<CompanyDoc>('Company');
export const PartnershipRef = builder.objectRef<PartnershipDoc>('Partnership');
export const StudentRef = builder.objectRef<StudentDoc>('Student');
export const JobPromiseRef = builder.objectRef<JobPromiseDoc>('JobPromise');
export const ApplicationRef = builder.objectRef<ApplicationDoc>('Application');
export const RecommendationRef = builder.objectRef<RecommendationDoc>('Recommendation');
