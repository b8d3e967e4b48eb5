import { ApplicationView } from '../../components/application-view';

/** /entreprise/candidatures/:id — an applicant's contact and the conversation with them. */
export function CompanyApplicationPage() {
  return <ApplicationView side="COMPANY" back="/entreprise" />;
}
