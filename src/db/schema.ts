// Every table Reel has, gathered for Drizzle and drizzle-kit. Each feature owns its
// tables in `src/modules/<feature>/<feature>.table.ts`; add one export line here.
export * from '../modules/users/users.table.js';
export * from '../modules/library/library.table.js';
export * from '../modules/engagement/engagement.table.js';
export * from '../modules/jobs/jobs.table.js';
export * from '../modules/reactions/reactions.table.js';
export * from '../modules/comments/comments.table.js';
export * from '../modules/sharing/sharing.table.js';
export * from '../modules/chat/chat.table.js';
