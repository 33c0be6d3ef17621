// Direct messages: conversations on the left, the open conversation on the right.
// New messages arrive over socket.io without a reload; shared videos show as cards.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ChatMessage, Conversation } from '../../api/types';
import { useAuth } from '../../features/auth/auth';
import { conversationTitle, fetchConversations, fetchMessages, markRead, openConversation, sendText } from '../../features/chat/chat.api';
import { useUserSearch } from '../../features/chat/useUserSearch';
import { SharedVideoCard } from '../../features/chat/SharedVideoCard';
import { useSocket, useSocketEvent } from '../../features/realtime/socket';
import { timeAgo } from '../../ui/format';
import { Empty, ErrorBox, InlineError, Spinner } from '../../ui/states';
import { useAsync } from '../../ui/useAsync';

function NewConversation({ onOpened }: { onOpened: (c: Conversation) => void }) {
  const [q, setQ] = useState('');
  const { hits, error: searchError } = useUserSearch(q);
  const [error, setError] = useState<unknown>();
  return (
    <div className="new-chat">
      <input type="search" aria-label="Start a conversation: find someone" placeholder="Find someone to message…" value={q} onChange={(e) => setQ(e.target.value)} />
      {hits.map((h) => (
        <button
          key={h.id}
          type="button"
          className="menu-item"
          onClick={() =>
            openConversation(h.id).then((c) => {
              setQ('');
              onOpened(c);
            }, setError)
          }
        >
          {h.displayName} <span className="muted small">{h.email}</span>
        </button>
      ))}
      <InlineError error={error ?? searchError} />
    </div>
  );
}

function Messages({ conversationId, socketMessages, onRead }: { conversationId: number; socketMessages: ChatMessage[]; onRead: () => void }) {
  const { user } = useAuth();
  const first = useAsync((signal) => fetchMessages(conversationId, undefined, signal), [conversationId]);
  const [sent, setSent] = useState<ChatMessage[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setSent([]);
  }, [conversationId]);

  // Server pages come newest first; show oldest at the top. Merge by id so a message sent
  // here and echoed by the socket shows once.
  const byId = new Map<number, ChatMessage>();
  for (const m of [...(first.data?.messages ?? []), ...sent, ...socketMessages.filter((m) => m.conversation_id === conversationId)]) byId.set(m.id, m);
  const messages = [...byId.values()].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  // Block body on purpose: Chromium's scrollIntoView now returns a promise, and an effect
  // must return nothing or a cleanup function.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  // Reading the open conversation moves my read marker (the unread badge clears).
  const lastId = messages.at(-1)?.id;
  useEffect(() => {
    if (lastId) void markRead(conversationId, lastId).then(onRead, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId, lastId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    setError(undefined);
    try {
      const m = await sendText(conversationId, text.trim());
      setSent((s) => [...s, m]);
      setText('');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="chat-thread">
      <div className="chat-messages" aria-live="polite" aria-label="Messages">
        {first.loading && <Spinner label="Loading messages…" />}
        {first.error !== undefined && <ErrorBox error={first.error} onRetry={first.reload} />}
        {!first.loading && messages.length === 0 && <Empty title="No messages yet">Say hello.</Empty>}
        {messages.map((m) => (
          <div key={m.id} className={m.sender_id === user?.id ? 'msg mine' : 'msg'} data-message-type={m.type}>
            {m.type === 'shared_video' && m.shared_video ? <SharedVideoCard video={m.shared_video} /> : null}
            {m.body && <p>{m.body}</p>}
            <span className="muted small">
              {m.sender && m.sender_id !== user?.id ? `${m.sender.display_name} · ` : ''}
              {timeAgo(m.created_at)}
            </span>
          </div>
        ))}
        <div ref={end} />
      </div>
      <form className="chat-compose" onSubmit={submit}>
        <input aria-label="Message" placeholder="Write a message…" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          Send
        </button>
      </form>
      <InlineError error={error} />
    </div>
  );
}

export function ChatPage() {
  const { user } = useAuth();
  const params = useParams();
  const navigate = useNavigate();
  const active = params.conversationId ? Number(params.conversationId) : undefined;
  const list = useAsync((signal) => fetchConversations(signal), []);
  const { socket, connected } = useSocket();
  const [live, setLive] = useState<ChatMessage[]>([]);

  const onMessage = useCallback(
    (m: ChatMessage) => {
      setLive((l) => [...l, m]);
      list.setData((convs) => {
        if (!convs?.some((c) => c.id === m.conversation_id)) {
          list.reload();
          return convs;
        }
        return convs.map((c) =>
          c.id === m.conversation_id ? { ...c, last_message: m, unread_count: m.conversation_id === active || m.sender_id === user?.id ? c.unread_count : c.unread_count + 1 } : c,
        );
      });
    },
    [active, list, user?.id],
  );
  useSocketEvent(socket, 'message:new', onMessage);

  return (
    <section className="chat">
      <aside className={active ? 'chat-list hide-narrow' : 'chat-list'} aria-label="Conversations">
        <div className="page-head">
          <h1>Chat</h1>
          <span className={connected ? 'dot on' : 'dot'} title={connected ? 'Live' : 'Connecting…'} aria-label={connected ? 'Live' : 'Connecting'} />
        </div>
        <NewConversation
          onOpened={(c) => {
            list.reload();
            navigate(`/chat/${c.id}`);
          }}
        />
        {list.loading && <Spinner />}
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.data?.length === 0 && <p className="muted">No conversations yet.</p>}
        <ul className="conversation-list">
          {list.data?.map((c) => (
            <li key={c.id}>
              <Link to={`/chat/${c.id}`} className={c.id === active ? 'conversation on' : 'conversation'} aria-current={c.id === active ? 'page' : undefined}>
                <strong>{conversationTitle(c, user?.id)}</strong>
                {c.unread_count > 0 && c.id !== active && <span className="badge unread">{c.unread_count}</span>}
                <span className="muted small ellipsis">
                  {c.last_message ? (c.last_message.type === 'shared_video' ? '🎬 Shared a video' : c.last_message.body) : 'No messages'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </aside>
      <div className={active ? 'chat-main' : 'chat-main hide-narrow'}>
        {active ? (
          <>
            <Link to="/chat" className="back-link show-narrow">
              ← Conversations
            </Link>
            <Messages
              conversationId={active}
              socketMessages={live}
              onRead={() => list.setData((convs) => convs?.map((c) => (c.id === active ? { ...c, unread_count: 0 } : c)))}
            />
          </>
        ) : (
          <Empty title="Pick a conversation">Or find someone above to start one.</Empty>
        )}
      </div>
    </section>
  );
}
