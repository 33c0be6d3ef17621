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
