import { ApplicationView } from '../../components/application-view';

/** /eleve/candidatures/:id — one of the student's applications and the conversation with the company. */
export function StudentApplicationPage() {
  return <ApplicationView side="STUDENT" back="/eleve/candidatures" />;
}
