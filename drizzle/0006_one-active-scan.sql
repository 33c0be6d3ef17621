-- Two scans could be waiting at once before this index (a read before the insert decided):
-- keep the oldest, cancel the others, then let the index keep it so.
UPDATE "jobs" SET "status" = 'cancelled', "completed_at" = now(), "updated_at" = now()
WHERE "type" = 'scan' AND "status" IN ('pending', 'queued', 'running')
  AND "id" <> (SELECT min("id") FROM "jobs" WHERE "type" = 'scan' AND "status" IN ('pending', 'queued', 'running'));--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_one_active_scan_idx" ON "jobs" USING btree ("type") WHERE type = 'scan' and status in ('pending', 'queued', 'running');