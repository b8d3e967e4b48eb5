import { RoleHome } from '../../components/role-home';
import { useI18n } from '../../lib/i18n/i18n';

export function SchoolHomePage() {
  const { t } = useI18n();
  return <RoleHome title={t('home.school.title')} comingSoon={t('home.school.comingSoon')} />;
}
