// The client's view of the API. Every shape comes from the server's zod schemas
// (type-only imports: nothing from the server is bundled).
import type { z } from 'zod';
import type * as Users from '../../../src/modules/users/users.schemas.js';
import type * as Reactions from '../../../src/modules/reactions/reactions.schemas.js';
import type * as Sharing from '../../../src/modules/sharing/sharing.schemas.js';
import type * as Gallery from '../../../src/modules/gallery/gallery.schemas.js';
import type * as Engagement from '../../../src/modules/engagement/engagement.schemas.js';
import type * as Comments from '../../../src/modules/comments/comments.schemas.js';
import type * as Chat from '../../../src/modules/chat/chat.schemas.js';
import type * as Library from '../../../src/modules/library/library.schemas.js';
import type * as Jobs from '../../../src/modules/jobs/jobs.schemas.js';
import type * as Registry from '../../../src/modules/jobs/jobs.registry.js';

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

export type GallerySort = NonNullable<z.input<typeof Gallery.listQuery>['sort']>;
export type GalleryItem = z.infer<typeof Gallery.galleryItem>;
export type PublicList = z.infer<typeof Gallery.listResponse>;
export type PublicVideo = z.infer<typeof Gallery.detailsResponse>;
export type BrowseResponse = z.infer<typeof Gallery.browseResponse>;
export type Category = z.infer<typeof Gallery.categorySchema>;
export type CategoriesResponse = z.infer<typeof Gallery.categoriesResponse>;
export type LockResponse = z.infer<typeof Gallery.lockResponse>;

export type UpvoteResponse = z.infer<typeof Engagement.upvoteResponse>;
export type Progress = z.infer<typeof Engagement.progressResponse>;
export type ProgressBody = z.input<typeof Engagement.progressBody>;
export type WatchTimeBody = z.input<typeof Engagement.watchTimeBody>;
export type ContinueWatching = z.infer<typeof Engagement.continueWatchingResponse>;
export type VideoStats = z.infer<typeof Engagement.statsResponse>;

export type Comment = z.infer<typeof Comments.commentSchema>;
export type CommentReply = z.infer<typeof Comments.replySchema>;
export type CommentList = z.infer<typeof Comments.listCommentsResponse>;
export type CommentCreated = z.infer<typeof Comments.commentResultResponse>;
export type CreateCommentBody = z.input<typeof Comments.createCommentBody>;

export type ChatMessage = z.infer<typeof Chat.messageSchema>;
export type Conversation = z.infer<typeof Chat.conversationSchema>;
export type SharedVideoCard = z.infer<typeof Chat.sharedVideoSchema>;
export type MessagesPage = z.infer<typeof Chat.messagesPage>;
export type PostMessageBody = z.input<typeof Chat.postMessageBody>;

export type LibraryVideo = z.infer<typeof Library.videoSchema>;
export type LibraryList = z.infer<typeof Library.listResponse>;
export type DuplicateGroups = z.infer<typeof Library.duplicatesResponse>;
export type BulkBody = z.input<typeof Library.bulkBody>;
export type BulkResult = z.infer<typeof Library.bulkResponse>;
export type VideoPatch = z.input<typeof Library.patchBody>;
export type LibraryScan = z.infer<typeof Library.scanStatusSchema>;

// Dates in the jobs schemas are `Date | string` on the server; over JSON they are strings.
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type JobType = Registry.JobType;
export type Job = Wire<z.infer<typeof Jobs.jobSchema>>;
export type JobWithLog = Wire<z.infer<typeof Jobs.jobWithLogSchema>>;
export type JobStatus = Job['status'];
export type ResourceCategory = Job['resourceCategory'];
export type JobList = Wire<z.infer<typeof Jobs.listJobsResponse>>;
export type JobQueue = Wire<z.infer<typeof Jobs.queueResponse>>;
export type CreateJobBody = z.input<typeof Jobs.createJobBody>;
export type WorkerNode = Wire<z.infer<typeof Jobs.workersResponse>>['workers'][number];
export type WorkersResponse = Wire<z.infer<typeof Jobs.workersResponse>>;
export type Pipeline = Wire<z.infer<typeof Jobs.pipelineSchema>>;
export type CreatePipelineBody = z.input<typeof Jobs.createPipelineBody>;

export type { ServerToClientEvents, ClientToServerEvents, JobUpdate } from '../../../src/realtime/realtime.events.js';
