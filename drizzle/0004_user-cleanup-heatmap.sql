-- Custom migration: deleting a user removed their moment reactions (0003) but left them counted
-- in the heatmap pre-aggregates. Now their counts come off the per-second rows, and the
-- slices of the videos they reacted to are cut again from those rows for each video's
-- current duration (so stale slices cut for an older duration go too). Slot positions are
-- REACTION_SLOTS' (reactions.table.ts, append-only): a slot appended there must be
-- appended to the array below in a new migration.
CREATE OR REPLACE FUNCTION reel_delete_user_engagement() RETURNS trigger AS $$
DECLARE
  touched int[];
BEGIN
  DELETE FROM video_progress WHERE user_id = OLD.id;

  WITH gone AS (
    DELETE FROM moment_reactions WHERE user_id = OLD.id RETURNING video_id, video_timestamp, reaction_type
  ), per_second AS (
    SELECT video_id, video_timestamp AS second,
           array_position(ARRAY['like', 'love', 'laugh', 'wow', 'sad', 'angry', 'haha', 'pray'], reaction_type) AS slot,
           count(*)::int AS n
    FROM gone GROUP BY 1, 2, 3
  ), minus AS (
    -- One row per (video, second): the counts to take off, as an array in slot order.
    SELECT video_id, second, array_agg(coalesce(n, 0) ORDER BY i) AS counts
    FROM (SELECT p.video_id, p.second, i, s.n
          FROM (SELECT DISTINCT video_id, second FROM per_second) p
          CROSS JOIN generate_series(1, 8) AS i
          LEFT JOIN per_second s ON s.video_id = p.video_id AND s.second = p.second AND s.slot = i) x
    GROUP BY 1, 2
  ), lowered AS (
    UPDATE moment_reaction_timeline t
    SET counts = array(SELECT greatest(coalesce(a, 0) - coalesce(b, 0), 0)
                       FROM unnest(t.counts, m.counts) WITH ORDINALITY AS u(a, b, i) ORDER BY i)
    FROM minus m
    WHERE t.video_id = m.video_id AND t.second = m.second
    RETURNING t.video_id
  )
  SELECT array_agg(DISTINCT video_id) INTO touched FROM lowered;

  IF touched IS NOT NULL THEN
    -- A second left with no reactions goes: a video of unknown duration spans its heatmap to
    -- just past the last reacted second.
    DELETE FROM moment_reaction_timeline t
    WHERE t.video_id = ANY (touched) AND NOT EXISTS (SELECT 1 FROM unnest(t.counts) AS c WHERE c > 0);
    DELETE FROM moment_reaction_slices WHERE video_id = ANY (touched);
    -- Same arithmetic as bucketOf() in reactions.timeline.ts, with HEATMAP_SLICES = 100.
    INSERT INTO moment_reaction_slices (video_id, duration_seconds, slice, counts)
    SELECT video_id, duration_seconds, slice, array_agg(total ORDER BY i)
    FROM (
      SELECT t.video_id, v.duration_seconds,
             least(99, greatest(0, floor(t.second * 100 / v.duration_seconds)))::int AS slice,
             u.i, sum(u.c)::int AS total
      FROM moment_reaction_timeline t
      JOIN videos v ON v.id = t.video_id AND v.duration_seconds > 0
      CROSS JOIN LATERAL unnest(t.counts) WITH ORDINALITY AS u(c, i)
      WHERE t.video_id = ANY (touched)
      GROUP BY 1, 2, 3, 4
    ) s
    GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
