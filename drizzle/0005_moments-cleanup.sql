-- Custom migration: moments and their pre-aggregates lost their foreign keys too (0004);
-- the cleanup triggers of 0003 now remove them with the video or the user.
CREATE OR REPLACE FUNCTION reel_delete_video_engagement() RETURNS trigger AS $$
BEGIN
  DELETE FROM video_view_events WHERE video_id = OLD.id;
  DELETE FROM video_view_marks WHERE video_id = OLD.id;
  DELETE FROM video_upvotes WHERE video_id = OLD.id;
  DELETE FROM video_finishes WHERE video_id = OLD.id;
  DELETE FROM video_watch_sessions WHERE video_id = OLD.id;
  DELETE FROM video_watch_events WHERE video_id = OLD.id;
  DELETE FROM video_daily_stats WHERE video_id = OLD.id;
  DELETE FROM video_retention WHERE video_id = OLD.id;
  DELETE FROM video_progress WHERE video_id = OLD.id;
  DELETE FROM moment_reactions WHERE video_id = OLD.id;
  DELETE FROM moment_reaction_timeline WHERE video_id = OLD.id;
  DELETE FROM moment_reaction_slices WHERE video_id = OLD.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reel_delete_user_progress() RETURNS trigger AS $$
BEGIN
  DELETE FROM video_progress WHERE user_id = OLD.id;
  DELETE FROM moment_reactions WHERE user_id = OLD.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
