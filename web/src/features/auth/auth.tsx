// Who is signed in: the token lives in localStorage (api/client), the user is loaded
// from /api/auth/me and shared with every page through context.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get, getToken, onTokenChange, post, setToken } from '../../api/client';
import type { AuthResponse, LoginBody, RegisterBody, User } from '../../api/types';
import { setMediaToken } from '../../ui/format';

type AuthState = {
  user: User | null;
  token: string | null;
  ready: boolean;
  login: (body: LoginBody) => Promise<User>;
  register: (body: RegisterBody) => Promise<User>;
  logout: () => void;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState<string | null>(() => getToken());
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(!getToken());

  useEffect(() => onTokenChange(() => setTokenState(getToken())), []);

  useEffect(() => {
    if (!token) {
      setUser(null);
      setReady(true);
      return;
    }
    let cancelled = false;
    get<User>('/api/auth/me')
      .then((me) => !cancelled && setUser(me))
      .catch(() => !cancelled && setUser(null))
      .finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
    };
  }, [token]);

  const accept = useCallback((res: AuthResponse) => {
    setUser(res.user);
    setToken(res.token);
    return res.user;
  }, []);

  setMediaToken(user?.role === 'admin' ? token : null);

  const value = useMemo<AuthState>(
    () => ({
      user,
      token,
      ready,
      login: async (body) => accept(await post<AuthResponse>('/api/auth/login', body)),
      register: async (body) => accept(await post<AuthResponse>('/api/auth/register', body)),
      logout: () => {
        setToken(null);
        setUser(null);
      },
    }),
    [user, token, ready, accept],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
