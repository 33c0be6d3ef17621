DROP INDEX "jobs_status_created_idx";--> statement-breakpoint
DROP INDEX "jobs_pipeline_idx";--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("completed_at") WHERE status in ('completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE INDEX "jobs_pipeline_idx" ON "jobs" USING btree ("pipeline_id") WHERE pipeline_id is not null;