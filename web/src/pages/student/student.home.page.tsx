import { RoleHome } from '../../components/role-home';
import { useI18n } from '../../lib/i18n/i18n';

export function StudentHomePage() {
  const { t } = useI18n();
  return <RoleHome title={t('home.student.title')} comingSoon={t('home.student.comingSoon')} />;
}
