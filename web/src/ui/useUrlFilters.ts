// Filters kept in the URL (?status=…&type=…), so a filtered page can be linked and reloaded.
import { useSearchParams } from 'react-router-dom';

export function useUrlFilters<K extends string>(keys: readonly K[], opts: { resetOnChange?: string } = {}) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  /** Sets one filter (empty removes it); changing any other filter drops `resetOnChange` (a page offset). */
  const set = (key: K, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (opts.resetOnChange && key !== opts.resetOnChange) next.delete(opts.resetOnChange);
    setParams(next, { replace: true });
  };
  return [values, set] as const;
}
