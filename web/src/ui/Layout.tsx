// The page frame: a header with navigation (collapsing to a menu on phones) and the page.
import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../features/auth/auth';

export function Layout() {
  const { user, logout } = useAuth();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    setOpen(false);
  }, [location.pathname]);

  const link = (to: string, label: string, end = false) => (
    <NavLink to={to} end={end} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
      {label}
    </NavLink>
  );

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Reel home">
          <span aria-hidden="true">🎞️</span> Reel
        </Link>
        <button
          type="button"
          className="menu-toggle btn btn-ghost"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
        >
          Menu
        </button>
        <nav id="main-nav" className={open ? 'nav open' : 'nav'} aria-label="Main">
          {link('/', 'Browse', true)}
          {link('/gallery', 'Gallery')}
          {user && link('/continue', 'Continue watching')}
          {user && link('/chat', 'Chat')}
          {user?.role === 'admin' && (
            <>
              <span className="nav-sep" aria-hidden="true" />
              {link('/admin/library', 'Library')}
              {link('/admin/shared', 'Shared media')}
              {link('/admin/jobs', 'Jobs')}
            </>
          )}
          <span className="nav-spacer" />
          {user ? (
            <>
              <span className="nav-user" title={user.email}>
                {user.displayName}
              </span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  logout();
                  navigate('/');
                }}
              >
                Sign out
              </button>
            </>
          ) : (
            <>
              {link('/login', 'Sign in')}
              <Link to="/register" className="btn btn-primary btn-small">
                Register
              </Link>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
