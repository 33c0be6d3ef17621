// Sign in and register. After either, the user returns to where they came from (?next=).
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../features/auth/auth';
import { InlineError } from '../../ui/states';
import { useFormAction } from '../../ui/useFormAction';

function useNext() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { login } = useAuth();
  const navigate = useNavigate();
  const next = useNext();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormAction(async () => {
    await login({ email, password });
    navigate(next, { replace: true });
  });

  return (
    <form className="card auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <label>
        Email
        <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <InlineError error={error} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted">
        No account? <Link to={`/register?next=${encodeURIComponent(next)}`}>Register</Link>
      </p>
    </form>
  );
}

export function RegisterPage() {
  const { register } = useAuth();
  const navigate = useNavigate();
  const next = useNext();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormAction(async () => {
    await register({ email, password, displayName: displayName.trim() || undefined });
    navigate(next, { replace: true });
  });

  return (
    <form className="card auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="register-title">
      <h1 id="register-title">Create an account</h1>
      <label>
        Display name
        <input name="displayName" autoComplete="nickname" maxLength={80} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        Email
        <input type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password <span className="muted">(at least 8 characters)</span>
        <input type="password" name="password" autoComplete="new-password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <InlineError error={error} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Register'}
      </button>
      <p className="muted">
        Already registered? <Link to={`/login?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </form>
  );
}
