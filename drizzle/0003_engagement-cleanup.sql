-- Custom migration: the engagement and moment tables lost their foreign keys (0002: a key check locks
-- the parent row for every inserted event); deleting a video or a user still removes their
-- engagement rows, as ON DELETE CASCADE did. The trigger names sort after PostgreSQL's own
-- "RI_ConstraintTrigger_…" ones, so video_stats' cascade (which waits for any batch holding
-- that row) runs first and these deletes then see what that batch wrote.
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
CREATE TRIGGER videos_engagement_cleanup AFTER DELETE ON videos
  FOR EACH ROW EXECUTE FUNCTION reel_delete_video_engagement();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reel_delete_user_engagement() RETURNS trigger AS $$
BEGIN
  DELETE FROM video_progress WHERE user_id = OLD.id;
  DELETE FROM moment_reactions WHERE user_id = OLD.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_engagement_cleanup AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION reel_delete_user_engagement();
