import { RoleHome } from '../../components/role-home';
import { useI18n } from '../../lib/i18n/i18n';

export function AdminHomePage() {
  const { t } = useI18n();
  return <RoleHome title={t('home.admin.title')} comingSoon={t('home.admin.comingSoon')} />;
}
