-- Custom migration: keep video_stats' listing keys (listed = published and not locked,
-- hero, category, orientation, created_at) in step with videos, and give every video its
-- counters row, so the gallery sorts and pages on video_stats' partial indexes alone.
CREATE OR REPLACE FUNCTION reel_sync_video_stats() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.published IS NOT DISTINCT FROM OLD.published
     AND NEW.locked IS NOT DISTINCT FROM OLD.locked
     AND NEW.is_hero IS NOT DISTINCT FROM OLD.is_hero
     AND NEW.category_id IS NOT DISTINCT FROM OLD.category_id
     AND NEW.orientation IS NOT DISTINCT FROM OLD.orientation
     AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at THEN
    RETURN NULL;
  END IF;
  INSERT INTO video_stats (video_id, listed, is_hero, category_id, orientation, created_at)
  VALUES (NEW.id, NEW.published AND NOT NEW.locked, NEW.is_hero, NEW.category_id, NEW.orientation, NEW.created_at)
  ON CONFLICT (video_id) DO UPDATE SET
    listed = excluded.listed,
    is_hero = excluded.is_hero,
    category_id = excluded.category_id,
    orientation = excluded.orientation,
    created_at = excluded.created_at;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER videos_sync_stats
  AFTER INSERT OR UPDATE OF published, locked, is_hero, category_id, orientation, created_at ON videos
  FOR EACH ROW EXECUTE FUNCTION reel_sync_video_stats();
--> statement-breakpoint
INSERT INTO video_stats (video_id, listed, is_hero, category_id, orientation, created_at)
SELECT id, published AND NOT locked, is_hero, category_id, orientation, created_at FROM videos
ON CONFLICT (video_id) DO UPDATE SET
  listed = excluded.listed,
  is_hero = excluded.is_hero,
  category_id = excluded.category_id,
  orientation = excluded.orientation,
  created_at = excluded.created_at;
