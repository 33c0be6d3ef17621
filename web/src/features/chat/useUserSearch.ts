// People matching what was typed (debounced), without the signed-in user.
import { useEffect, useState } from 'react';
import { useAuth } from '../auth/auth';
import { searchUsers, type UserHit } from './chat.api';

export function useUserSearch(query: string): { hits: UserHit[]; error: unknown } {
  const { user } = useAuth();
  const [hits, setHits] = useState<UserHit[]>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    const c = new AbortController();
    const t = setTimeout(() => {
      searchUsers(q, c.signal).then(
        (found) => setHits(found.filter((x) => x.id !== user?.id)),
        (err: unknown) => !c.signal.aborted && setError(err),
      );
    }, 200);
    return () => {
      clearTimeout(t);
      c.abort();
    };
  }, [query, user?.id]);
  return { hits, error };
}
