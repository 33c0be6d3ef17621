// In-process chat events (AppEvents in src/app/context.ts). Realtime forwards them to each
// recipient's `user:<id>` room; chat itself never knows about sockets.
import type { ChatMessage } from './chat.schemas.js';

export type ChatMessageEvent = { recipientIds: number[]; message: ChatMessage };
export type ChatReadEvent = { recipientIds: number[]; conversation_id: number; user_id: number; last_read_message_id: number };
export type ChatConversationEvent = {
  recipientIds: number[];
  conversation: { id: number; type: 'dm' | 'group'; title: string | null; member_ids: number[] };
};
