import { useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { labelOf, ROLE_LABELS } from '@promesse/shared';
import { LanguageSwitch } from '../components/language-switch';
import { NotificationBell } from '../components/notification-bell';
import { authStore } from '../lib/auth/auth.store';
import { LOGIN_PATH } from '../lib/auth/auth.routes';
import { useI18n } from '../lib/i18n/i18n';
import { navItemsFor } from './app.nav';
import { useRealtimeStatus, useUnreadCount } from './app.realtime';
import { useSession } from './app.session';

const MAIN_ID = 'contenu';

/**
 * After a client-side navigation, focus moves to the new page's heading (or <main>), as a full page load
 * would put screen-reader users at the top of the new content instead of on the link they just used.
 */
function useFocusOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const interacted = useRef(false);
  useEffect(() => {
    // Redirects during the first load (/ -> /connexion) are not the user's doing: focus stays at the document start.
    const mark = () => (interacted.current = true);
    window.addEventListener('pointerdown', mark, { once: true, capture: true });
    window.addEventListener('keydown', mark, { once: true, capture: true });
    return () => {
      window.removeEventListener('pointerdown', mark, { capture: true });
      window.removeEventListener('keydown', mark, { capture: true });
    };
  }, []);
  useEffect(() => {
    if (!interacted.current) return;
    const main = mainRef.current;
    if (!main) return;
    const heading = main.querySelector<HTMLElement>('h1');
    const target = heading ?? main;
    if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: false });
  }, [pathname, mainRef]);
}

export function AppLayout() {
  const { t, locale } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnNavigation(mainRef);
  const me = session.status === 'ready' ? session.me : null;
  const unread = useUnreadCount(me !== null);
  const realtimeStatus = useRealtimeStatus();
  // Phones: navigation and account fold behind a menu button, so the page starts in the first screen.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setMenuOpen(false), [pathname]);

  const skipToContent = (e: MouseEvent<HTMLAnchorElement>) => {
    // Handled here so the router does not treat the fragment as a navigation.
    e.preventDefault();
    mainRef.current?.focus();
  };

  const logOut = () => {
    authStore.signOut('user');
    void navigate(LOGIN_PATH, { replace: true });
  };

  return (
    <div className="app">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      {/* data-realtime: lets tests (and styles) know whether live updates are flowing. */}
      <header className="header" data-realtime={realtimeStatus}>
        <div className="header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              P
            </span>
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          <div className="header__actions">
            {me ? <NotificationBell count={unread} to="/notifications" /> : null}
            <LanguageSwitch />
          </div>
          {me ? (
            <button
              type="button"
              className="header__menu-button button button--ghost button--compact"
              aria-expanded={menuOpen}
              aria-controls="header-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              {t('app.menu')}
            </button>
          ) : null}
          <div id="header-menu" className="header__menu" data-open={menuOpen}>
            {me ? (
              <nav className="nav" aria-label={t('app.mainNav')}>
                <ul className="nav__list">
                  {navItemsFor(me.role, t).map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end={item.end} className="nav__link">
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            {me ? (
              <div className="account">
                <span className="account__name" title={me.displayName}>
                  <span className="visually-hidden">{t('app.account')} : </span>
                  {me.displayName}
                  <span className="account__role"> · {labelOf(ROLE_LABELS, me.role, locale)}</span>
                </span>
                <Link to="/parametres/compte" className="button button--ghost button--compact">
                  {t('app.settings')}
                </Link>
                <button type="button" className="button button--ghost button--compact" onClick={logOut}>
                  {t('app.logOut')}
                </button>
              </div>
            ) : null}
          </div>
        </div>
      </header>
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
        <p>
          <Link to="/resultats">{t('nav.publicOutcomes')}</Link>
          {' · '}
          <Link to="/confidentialite">{t('privacy.link')}</Link>
        </p>
      </footer>
    </div>
  );
}
