import type { UserRow } from '../modules/auth/auth.model';
import type { CompanyRow, PartnershipDoc } from '../modules/company/company.model';
import type { JobPromiseRow } from '../modules/job-promise/job-promise.model';
import type { ApplicationDoc } from '../modules/application/application.model';
import type { RecommendationDoc } from '../modules/recommendation/recommendation.model';
import type { SchoolRow } from '../modules/school/school.model';
import type { StudentDoc } from '../modules/student/student.model';
import { builder } from './builder';

// The object types that several modules point at, declared once here and implemented by their own module's
// `*.graphql.ts`: modules reference each other's types without importing each other (no cycles). Users, schools,
// companies and promises resolve from plain rows: the hot lists and their loaders read them lean (issue 19).
export const UserRef = builder.objectRef<UserRow>('User');
export const SchoolRef = builder.objectRef<SchoolRow>('School');
export const CompanyRef = builder.objectRef<CompanyRow>('Company');
export const PartnershipRef = builder.objectRef<PartnershipDoc>('Partnership');
export const StudentRef = builder.objectRef<StudentDoc>('Student');
export const JobPromiseRef = builder.objectRef<JobPromiseRow>('JobPromise');
export const ApplicationRef = builder.objectRef<ApplicationDoc>('Application');
export const RecommendationRef = builder.objectRef<RecommendationDoc>('Recommendation');
