// Direct-message chat: conversations, messages, and sending a shared video card.
import { get, post } from '../../api/client';
import type { ChatMessage, Conversation, MessagesPage, PostMessageBody } from '../../api/types';

export type UserHit = { id: number; displayName: string; email: string };

export async function fetchConversations(signal?: AbortSignal): Promise<Conversation[]> {
  const res = await get<{ conversations: Conversation[] }>('/api/chat/conversations', undefined, { signal });
  return res.conversations;
}

export async function openConversation(userId: number): Promise<Conversation> {
  return post<Conversation>('/api/chat/conversations', { user_id: userId });
}

export const fetchMessages = (conversationId: number, cursor?: string, signal?: AbortSignal) =>
  get<MessagesPage>(`/api/chat/conversations/${conversationId}/messages`, { cursor }, { signal });

async function send(conversationId: number, body: PostMessageBody): Promise<ChatMessage> {
  return post<ChatMessage>(`/api/chat/conversations/${conversationId}/messages`, body);
}

export const sendText = (conversationId: number, body: string) => send(conversationId, { type: 'text', body });
export const sendSharedVideo = (conversationId: number, videoId: number, body?: string) =>
  send(conversationId, { type: 'shared_video', shared_video_id: videoId, ...(body ? { body } : {}) });

export const markRead = (conversationId: number, messageId: number) => post<unknown>(`/api/chat/conversations/${conversationId}/read`, { message_id: messageId });

export async function searchUsers(q: string, signal?: AbortSignal): Promise<UserHit[]> {
  const res = await get<{ users: UserHit[] }>('/api/users/search', { q }, { signal });
  return res.users;
}

export function conversationTitle(c: Conversation, meId: number | undefined): string {
  if (c.title) return c.title;
  const others = c.members.filter((m) => m.user_id !== meId);
  return others.map((m) => m.display_name).join(', ') || `Conversation ${c.id}`;
}
