// The client's view of the API. Every shape comes from the server's zod schemas
// (type-only imports: nothing from the server is bundled).
import type { z } from 'zod';
import type * as Users from '../../../src/modules/users/users.schemas.js';
import type * as Reactions from '../../../src/modules/reactions/reactions.schemas.js';
import type * as Sharing from '../../../src/modules/sharing/sharing.schemas.js';

export type User = z.infer<typeof Users.userSchema>;
export type AuthResponse = z.infer<typeof Users.authResponse>;
export type RegisterBody = z.input<typeof Users.registerBody>;
export type LoginBody = z.input<typeof Users.loginBody>;

export type ReactionDef = z.infer<typeof Reactions.catalogueResponse>['reactions'][number];
export type MomentReaction = z.infer<typeof Reactions.momentSchema>;
export type MomentCreated = z.infer<typeof Reactions.momentCreatedResponse>;
export type Heatmap = z.infer<typeof Reactions.heatmapSchema>;
export type VideoReactionState = z.infer<typeof Reactions.toggleStateResponse>;
export type VideoReactionToggle = z.infer<typeof Reactions.toggleResponse>;

export type SharePlatforms = z.infer<typeof Sharing.platformsResponse>;
export type SharePlatform = SharePlatforms['platforms'][number];
export type ShareResult = z.infer<typeof Sharing.shareResponse>;
export type ShareStatus = z.infer<typeof Sharing.shareStatusResponse>;

// ---- Provisional: written from SPEC §3 until the module's *.schemas.ts lands. ----
export type Orientation = 'landscape' | 'portrait' | 'square';
export type GallerySort = 'recent' | 'popular' | 'most_viewed';

export type PublicVideo = {
  id: number;
  title: string | null;
  filename: string;
  category?: string | null;
  categoryName?: string | null;
  durationSeconds: number | null;
  quality?: string | null;
  orientation?: string | null;
  width?: number | null;
  height?: number | null;
  viewCount: number;
  upvoteCount: number;
  commentCount: number;
  finishCount?: number;
  description?: string | null;
  tags?: string[];
  hasHls?: boolean;
  hlsPath?: string | null;
  isLocked?: boolean;
  createdAt: string;
};
export type PublicList = { videos: PublicVideo[]; pagination: { total: number; limit: number; offset: number; hasMore: boolean }; nextCursor?: string | null; cursor?: string | null };
export type Category = { id: number; name: string; slug: string; sortOrder: number; isActive: boolean };
export type BrowseResponse = { hero: PublicVideo | null; rows: { category: Category; videos: PublicVideo[] }[] };
export type UpvoteResponse = { success: boolean; upvoted: boolean; upvoteCount: number };

export type Progress = { watched_seconds: number; last_position: number; completed: boolean; duration_seconds: number | null };
export type ContinueItem = { video: PublicVideo; progress: Progress } & Partial<PublicVideo> & Partial<Progress>;


export type Comment = { id: number; mediaId: number; parentId: number | null; body: string; displayName: string; userId: number | null; createdAt: string; replies?: Comment[] };
export type CommentList = { comments: Comment[]; nextCursor: string | null };


export type SharedVideoCard = { id: number; title: string; thumbnail_url: string; duration_seconds: number | null };
export type ChatMessage = { id: number; conversation_id: number; sender_id: number; type: string; content: string | null; shared_video_id: number | null; shared_video?: SharedVideoCard | null; created_at: string; sender?: { id: number; displayName: string } };
export type Conversation = { id: number; other_user?: { id: number; displayName: string; email?: string }; members?: { id: number; displayName: string }[]; last_message: ChatMessage | null; unread_count: number; updated_at?: string };

export type LibraryVideo = PublicVideo & { path: string; directoryType: string | null; published: boolean; locked: boolean; lockedReason: string | null; isValid: boolean; fileSize: number | null; categoryId: number | null; isHero: boolean; videoCodec?: string | null };
export type LibraryList = { videos: LibraryVideo[]; total: number; limit: number; offset: number };
export type DuplicateGroups = { exact: { hash: string; videos: LibraryVideo[] }[]; likely: { reason?: string; videos: LibraryVideo[] }[] };

export type JobStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export type ResourceCategory = 'gpu_ai' | 'gpu_encode' | 'cpu';
export type Job = { id: number; type: string; status: JobStatus; progress: number; params: Record<string, unknown>; priority: number; resourceCategory: ResourceCategory; vramRequired: number; queuePosition?: number | null; waitingReason?: string | null; error?: string | null; log?: string; pipelineId?: number | null; attempts?: number; createdAt: string; startedAt?: string | null; finishedAt?: string | null; workerName?: string | null };
export type JobList = { jobs: Job[]; total?: number };
export type WorkerNode = { id: number | string; name: string; cpuSlots: number; encodeSlots: number; gpuVramMb: number; running?: Job[]; lastSeenAt?: string; usedCpu?: number; usedEncode?: number; usedVramMb?: number };
export type VideoStats = { videoId: number; viewsPerDay: { day: string; views: number; watchSeconds: number }[]; finishRate: number; retention: number[]; heatmap: Heatmap; totals?: Record<string, number> };
