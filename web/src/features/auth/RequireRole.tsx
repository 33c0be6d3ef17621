// Gate for pages that need a signed-in user (or an admin): sends visitors to the login
// page and back afterwards.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Empty, Spinner } from '../../ui/states';
import { useAuth } from './auth';

export function RequireRole({ role, children }: { role?: 'admin'; children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <Spinner />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (role === 'admin' && user.role !== 'admin') return <Empty title="Admins only">This page is for administrators.</Empty>;
  return <>{children}</>;
}
