// The browser's anonymous session id (SPEC §2): made once with crypto.randomUUID() and
// kept in localStorage, so upvotes, finishes and watch time count once per browser.
const KEY = 'reel.sessionId';

function makeId(): string {
  // Non-secure contexts (plain http on a LAN address) lack randomUUID.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b: number) => b.toString(16).padStart(2, '0')).join('');
}

export function sessionId(): string {
  try {
    let id = localStorage.getItem(KEY);
    if (!id || !/^[A-Za-z0-9_-]{8,128}$/.test(id)) {
      id = makeId();
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return (fallback ??= makeId());
  }
}
let fallback: string | undefined;
