// Category admin: add, rename-free ordering (move up/down), show/hide, delete.
import { useState, type FormEvent } from 'react';
import { del, errorMessage, get, patch, post } from '../../api/client';
import type { CategoriesResponse } from '../../api/types';
import { ErrorBox, InlineError, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';

export function useAllCategories() {
  return useAsync(async (signal) => {
    const res = await get<CategoriesResponse>('/api/categories', { all: true }, { signal });
    return [...res.categories].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  }, []);
}

export function CategoryManager({ categories }: { categories: ReturnType<typeof useAllCategories> }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const max = Math.max(0, ...(categories.data ?? []).map((c) => c.sortOrder));
      await post('/api/categories', { name: name.trim(), sortOrder: max + 1 });
      setName('');
      categories.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function act(fn: () => Promise<unknown>) {
    setError(undefined);
    try {
      await fn();
      categories.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  // Swapping sort orders keeps the others where they are.
  const move = (i: number, dir: -1 | 1) => {
    const list = categories.data ?? [];
    const a = list[i];
    const b = list[i + dir];
    if (!a || !b) return;
    const [oa, ob] = a.sortOrder === b.sortOrder ? [i + dir, i] : [b.sortOrder, a.sortOrder];
    void act(async () => {
      await patch(`/api/categories/${a.id}`, { sortOrder: oa });
      await patch(`/api/categories/${b.id}`, { sortOrder: ob });
    });
  };

  return (
    <section className="card" aria-labelledby="cat-title">
      <h2 id="cat-title">Categories</h2>
      {categories.loading && <Spinner />}
      {categories.error !== undefined && <ErrorBox error={categories.error} onRetry={categories.reload} />}
      <ol className="category-list">
        {categories.data?.map((c, i, all) => (
          <li key={c.id} className={c.isActive ? '' : 'inactive'}>
            <span className="grow">
              {c.name} <span className="muted small">/{c.slug}</span>
            </span>
            <button type="button" className="btn btn-icon btn-small" aria-label={`Move ${c.name} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" className="btn btn-icon btn-small" aria-label={`Move ${c.name} down`} disabled={i === all.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" className="btn btn-small" aria-pressed={c.isActive} onClick={() => void act(() => patch(`/api/categories/${c.id}`, { isActive: !c.isActive }))}>
              {c.isActive ? 'Visible' : 'Hidden'}
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              aria-label={`Delete ${c.name}`}
              onClick={() => confirm(`Delete the category “${c.name}”? Its videos stay published without a category.`) && void act(() => del(`/api/categories/${c.id}`))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      {categories.data?.length === 0 && <p className="muted">No categories yet.</p>}
      <form className="inline-form" onSubmit={add}>
        <input aria-label="New category name" placeholder="New category…" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn btn-primary btn-small" disabled={!name.trim()}>
          Add
        </button>
      </form>
      <InlineError error={error} />
    </section>
  );
}
