import { ApplicationView } from '../../components/application-view';

/** /ecole/candidatures/:id — a student's application and its conversation, read-only (safeguarding of minors). */
export function SchoolApplicationPage() {
  return <ApplicationView side="STAFF" back="/ecole/candidatures" />;
}
