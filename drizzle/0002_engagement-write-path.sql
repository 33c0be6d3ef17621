-- The write path's foreign keys go: each key check locked the parent row for every inserted
-- event or moment. Deleting a video or a user removes their rows by trigger instead (0003).
ALTER TABLE "video_daily_stats" DROP CONSTRAINT "video_daily_stats_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_finishes" DROP CONSTRAINT "video_finishes_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_progress" DROP CONSTRAINT "video_progress_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "video_progress" DROP CONSTRAINT "video_progress_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_retention" DROP CONSTRAINT "video_retention_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_upvotes" DROP CONSTRAINT "video_upvotes_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_view_events" DROP CONSTRAINT "video_view_events_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_view_marks" DROP CONSTRAINT "video_view_marks_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_watch_events" DROP CONSTRAINT "video_watch_events_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "video_watch_sessions" DROP CONSTRAINT "video_watch_sessions_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reaction_slices" DROP CONSTRAINT "moment_reaction_slices_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reaction_timeline" DROP CONSTRAINT "moment_reaction_timeline_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reactions" DROP CONSTRAINT "moment_reactions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reactions" DROP CONSTRAINT "moment_reactions_video_id_videos_id_fk";
--> statement-breakpoint
-- One scan at a time, by a unique index rather than a read before the insert. Two scans
-- could be waiting at once before it: keep the oldest, cancel the others.
UPDATE "jobs" SET "status" = 'cancelled', "completed_at" = now(), "updated_at" = now()
WHERE "type" = 'scan' AND "status" IN ('pending', 'queued', 'running')
  AND "id" <> (SELECT min("id") FROM "jobs" WHERE "type" = 'scan' AND "status" IN ('pending', 'queued', 'running'));--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_one_active_scan_idx" ON "jobs" USING btree ("type") WHERE type = 'scan' and status in ('pending', 'queued', 'running');