import { RoleHome } from '../../components/role-home';
import { useI18n } from '../../lib/i18n/i18n';

export function CompanyHomePage() {
  const { t } = useI18n();
  return <RoleHome title={t('home.company.title')} comingSoon={t('home.company.comingSoon')} />;
}
