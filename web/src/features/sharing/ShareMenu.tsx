// The share menu: copy the link, open a platform's share intent (and record the share
// for signed-in users), or send the video into a chat conversation.
import { useEffect, useRef, useState } from 'react';
import { errorMessage, get, post } from '../../api/client';
import type { Conversation, SharePlatform, SharePlatforms, ShareResult } from '../../api/types';
import { useAuth } from '../auth/auth';
import { conversationTitle, fetchConversations, openConversation, sendSharedVideo } from '../chat/chat.api';
import { useUserSearch } from '../chat/useUserSearch';

// Fallback names for platforms the server does not label.
const LABELS: Record<string, string> = { twitter: 'X / Twitter', whatsapp: 'WhatsApp', facebook: 'Facebook', linkedin: 'LinkedIn' };

export function ShareMenu({ videoId, title }: { videoId: number; title: string }) {
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const [platforms, setPlatforms] = useState<SharePlatform[]>();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [chatOpen, setChatOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const link = `${location.origin}/watch/${videoId}`;

  useEffect(() => {
    if (!open || platforms) return;
    get<SharePlatforms>('/api/share/platforms', { videoId })
      .then((r) => setPlatforms(r.platforms))
      .catch((err) => setStatus({ kind: 'error', text: errorMessage(err) }));
  }, [open, platforms, videoId, link, title]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => panel.current && !panel.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    panel.current?.querySelector<HTMLElement>('button, a')?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setStatus({ kind: 'ok', text: 'Link copied' });
    } catch {
      // Clipboard needs a secure context; show the link so it can be copied by hand.
      setStatus({ kind: 'ok', text: link });
    }
  }

  async function share(p: SharePlatform) {
    if (p.shareUrl) window.open(p.shareUrl, '_blank', 'noopener,noreferrer');
    if (!user) {
      setStatus({ kind: 'ok', text: `Opened ${LABELS[p.platform] ?? p.platform}` });
      return;
    }
    try {
      const res = await post<ShareResult>(`/api/videos/${videoId}/share`, { platforms: [p.platform], mode: 'track_only' });
      const r = res.results[0];
      setStatus({ kind: 'ok', text: `Shared to ${LABELS[p.platform] ?? p.platform}${r?.alreadyShared ? ' (again)' : ''}` });
    } catch (err) {
      setStatus({ kind: 'error', text: errorMessage(err) });
    }
  }

  return (
    <div className="share" ref={panel}>
      <button type="button" className="btn" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        ↗ Share
      </button>
      {open && (
        <div className="share-menu" role="dialog" aria-label="Share this video">
          <button type="button" className="menu-item" onClick={() => void copy()}>
            🔗 Copy link
          </button>
          {platforms === undefined && !status && <span className="menu-item muted">Loading platforms…</span>}
          {platforms?.map((p) => (
            <button key={p.platform} type="button" className="menu-item" data-platform={p.platform} onClick={() => void share(p)}>
              {p.label || LABELS[p.platform] || p.platform}
            </button>
          ))}
          {user ? (
            <button type="button" className="menu-item" aria-expanded={chatOpen} onClick={() => setChatOpen((c) => !c)}>
              💬 Send in chat
            </button>
          ) : (
            <span className="menu-item muted small">Sign in to send it in chat</span>
          )}
          {chatOpen && user && <ShareToChat videoId={videoId} onDone={(text) => setStatus({ kind: 'ok', text })} />}
          {status && (
            <p className={status.kind === 'error' ? 'inline-error' : 'ok small'} role="status">
              {status.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function ShareToChat({ videoId, onDone }: { videoId: number; onDone: (text: string) => void }) {
  const { user } = useAuth();
  const [conversations, setConversations] = useState<Conversation[]>();
  const [query, setQuery] = useState('');
  const { hits } = useUserSearch(query);
  const [error, setError] = useState<string>();

  useEffect(() => {
    fetchConversations()
      .then(setConversations)
      .catch((err) => setError(errorMessage(err)));
  }, []);

  async function sendTo(conversationId: number, name: string) {
    setError(undefined);
    try {
      await sendSharedVideo(conversationId, videoId);
      onDone(`Sent to ${name}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="share-chat">
      {conversations === undefined && !error && <span className="muted small">Loading conversations…</span>}
      {conversations?.map((c) => {
        const name = conversationTitle(c, user?.id);
        return (
          <button key={c.id} type="button" className="menu-item" onClick={() => void sendTo(c.id, name)}>
            Send to {name}
          </button>
        );
      })}
      <input aria-label="Find someone" placeholder="Find someone…" value={query} onChange={(e) => setQuery(e.target.value)} />
      {hits.map((h) => (
        <button
          key={h.id}
          type="button"
          className="menu-item"
          onClick={async () => {
            try {
              const c = await openConversation(h.id);
              await sendTo(c.id, h.displayName);
            } catch (err) {
              setError(errorMessage(err));
            }
          }}
        >
          Send to {h.displayName}
        </button>
      ))}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
