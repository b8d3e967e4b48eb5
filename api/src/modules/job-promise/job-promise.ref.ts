import { builder } from '../../graphql/builder';
import type { ApplicationDoc } from '../application/application.model';
import type { RecommendationDoc } from '../recommendation/recommendation.model';
import type { JobPromiseDoc } from './job-promise.model';

// The marketplace's object refs, declared apart from their fields so JobPromise, Application and Recommendation
// can reference each other without an import cycle between schema files.
export const JobPromiseRef = builder.objectRef<JobPromiseDoc>('JobPromise');
export const ApplicationRef = builder.objectRef<ApplicationDoc>('Application');
export const RecommendationRef = builder.objectRef<RecommendationDoc>('Recommendation');
