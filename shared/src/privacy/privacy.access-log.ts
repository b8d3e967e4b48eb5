// Issue 18: what a company user saw of a student, as recorded in the access log (modules/access-log).
export const ACCESS_KINDS = ['CONTACT', 'CV'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** How many entries `profileViews` returns at most (newest first). */
export const PROFILE_VIEWS_LIMIT = 200;
