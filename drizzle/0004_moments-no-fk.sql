ALTER TABLE "moment_reaction_slices" DROP CONSTRAINT "moment_reaction_slices_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reaction_timeline" DROP CONSTRAINT "moment_reaction_timeline_video_id_videos_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reactions" DROP CONSTRAINT "moment_reactions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "moment_reactions" DROP CONSTRAINT "moment_reactions_video_id_videos_id_fk";
