import { Link } from 'react-router';
import { useQuery } from 'urql';
import { MyPersonalDataSection } from '../../components/personal-data';
import { ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { MyStudentProfileDocument } from './student.documents';
import { StudentCvSection } from './student.cv';
import { StudentProfileForm } from './student.profile-form';
import { ProfileViewsSection } from '../privacy/privacy.views';
import { MatchingVisibilitySection } from '../privacy/privacy.visibility';

export function StudentProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t('student.profile.title'));
  const [result, reexecute] = useQuery({ query: MyStudentProfileDocument, requestPolicy: 'cache-and-network' });
  const profile = result.data?.myStudentProfile;
  return (
    <div className="page page--narrow">
      <h1>{t('student.profile.title')}</h1>
      <p className="page__lead">{t('student.profile.lead')}</p>
      <p>
        <Link to="/parametres/compte">{t('accountSettings.link')}</Link>
      </p>
      {result.error && !profile ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !profile ? (
        <LoadingState />
      ) : (
        <StudentProfileForm
          key={profile.id}
          profile={profile}
          className="form card"
          submitLabel={t('student.profile.save')}
        >
          <p>{t('student.profile.school', { school: profile.school.name })}</p>
        </StudentProfileForm>
      )}
      {profile ? (
        <StudentCvSection cv={profile.cv} onUploaded={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : null}
      {profile ? <MyPersonalDataSection /> : null}
      {profile ? <MatchingVisibilitySection /> : null}
      {profile ? <ProfileViewsSection /> : null}
    </div>
  );
}
