CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_roots" (
	"path" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_scanned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "video_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "videos" (
	"id" serial PRIMARY KEY NOT NULL,
	"path" text NOT NULL,
	"filename" text NOT NULL,
	"title" text,
	"description" text,
	"producer" text,
	"creator" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duration_seconds" double precision,
	"quality" text,
	"orientation" text,
	"has_audio" boolean DEFAULT false NOT NULL,
	"file_size" bigint,
	"file_mtime_ms" bigint,
	"partial_hash" text,
	"file_hash" text,
	"phash" text,
	"width" integer,
	"height" integer,
	"video_codec" text,
	"audio_codec" text,
	"container" text,
	"bitrate" integer,
	"fps" double precision,
	"is_valid" boolean DEFAULT true NOT NULL,
	"invalid_reason" text,
	"last_validated" timestamp with time zone,
	"thumbnail_path" text,
	"caption_path" text,
	"hls_path" text,
	"stream_path" text,
	"directory_type" text,
	"original_filename" text,
	"original_path" text,
	"standardized_at" timestamp with time zone,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"category_id" integer,
	"is_hero" boolean DEFAULT false NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_reason" text,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_daily_stats" (
	"video_id" integer NOT NULL,
	"day" date NOT NULL,
	"views" bigint DEFAULT 0 NOT NULL,
	"watch_seconds" bigint DEFAULT 0 NOT NULL,
	"finishes" bigint DEFAULT 0 NOT NULL,
	"upvotes" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "video_daily_stats_video_id_day_pk" PRIMARY KEY("video_id","day")
);
--> statement-breakpoint
CREATE TABLE "video_finishes" (
	"video_id" integer NOT NULL,
	"session_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_finishes_video_id_session_id_pk" PRIMARY KEY("video_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "video_progress" (
	"user_id" integer NOT NULL,
	"video_id" integer NOT NULL,
	"watched_seconds" integer DEFAULT 0 NOT NULL,
	"duration_seconds" integer DEFAULT 0 NOT NULL,
	"last_position" integer DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_progress_user_id_video_id_pk" PRIMARY KEY("user_id","video_id")
);
--> statement-breakpoint
CREATE TABLE "video_retention" (
	"video_id" integer NOT NULL,
	"bucket" smallint NOT NULL,
	"viewers" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "video_retention_video_id_bucket_pk" PRIMARY KEY("video_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "video_stats" (
	"video_id" integer PRIMARY KEY NOT NULL,
	"view_count" bigint DEFAULT 0 NOT NULL,
	"upvote_count" bigint DEFAULT 0 NOT NULL,
	"comment_count" bigint DEFAULT 0 NOT NULL,
	"finish_count" bigint DEFAULT 0 NOT NULL,
	"total_watch_seconds" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"is_hero" boolean DEFAULT false NOT NULL,
	"category_id" integer,
	"orientation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_upvotes" (
	"video_id" integer NOT NULL,
	"session_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "video_upvotes_video_id_session_id_pk" PRIMARY KEY("video_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "video_view_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"video_id" integer NOT NULL,
	"viewer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_view_marks" (
	"video_id" integer NOT NULL,
	"viewer" text NOT NULL,
	"counted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "video_view_marks_video_id_viewer_pk" PRIMARY KEY("video_id","viewer")
);
--> statement-breakpoint
CREATE TABLE "video_watch_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"video_id" integer NOT NULL,
	"session_id" text NOT NULL,
	"reported_seconds" double precision NOT NULL,
	"credited_seconds" integer NOT NULL,
	"position" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_watch_sessions" (
	"video_id" integer NOT NULL,
	"session_id" text NOT NULL,
	"last_report_at" timestamp with time zone NOT NULL,
	"total_seconds" bigint DEFAULT 0 NOT NULL,
	"buckets" text DEFAULT '' NOT NULL,
	CONSTRAINT "video_watch_sessions_video_id_session_id_pk" PRIMARY KEY("video_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "compilations" (
	"id" serial PRIMARY KEY NOT NULL,
	"filename" text NOT NULL,
	"path" text,
	"duration_seconds" double precision,
	"video_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"video_id" integer,
	"job_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"log" text DEFAULT '' NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"priority" integer DEFAULT 5 NOT NULL,
	"resource_category" text DEFAULT 'cpu' NOT NULL,
	"vram_required" integer DEFAULT 0 NOT NULL,
	"queue_position" integer,
	"waiting_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_expires_at" timestamp with time zone,
	"worker_name" text,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"pipeline_id" integer,
	"pipeline_step_id" integer,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"pipeline_id" integer NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority" integer,
	"resource_category" text,
	"vram_required" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"job_id" integer
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "worker_nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"cpu_slots" integer NOT NULL,
	"encode_slots" integer NOT NULL,
	"gpu_vram_mb" integer DEFAULT 0 NOT NULL,
	"gpu_source" text DEFAULT 'config' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moment_reaction_slices" (
	"video_id" integer NOT NULL,
	"duration_seconds" double precision NOT NULL,
	"slice" integer NOT NULL,
	"counts" integer[] NOT NULL,
	CONSTRAINT "moment_reaction_slices_pk" PRIMARY KEY("video_id","duration_seconds","slice")
);
--> statement-breakpoint
CREATE TABLE "moment_reaction_timeline" (
	"video_id" integer NOT NULL,
	"second" integer NOT NULL,
	"counts" integer[] NOT NULL,
	CONSTRAINT "moment_reaction_timeline_pk" PRIMARY KEY("video_id","second")
);
--> statement-breakpoint
CREATE TABLE "moment_reactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"video_id" integer NOT NULL,
	"reaction_type" text NOT NULL,
	"video_timestamp" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_reactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"video_id" integer NOT NULL,
	"reaction_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"video_id" integer NOT NULL,
	"parent_id" integer,
	"user_id" integer,
	"session_id" text,
	"display_name" text NOT NULL,
	"body" text NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_id" integer,
	"video_id" integer NOT NULL,
	"platform" text NOT NULL,
	"user_id" integer NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"already_shared" boolean DEFAULT false NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"video_id" integer NOT NULL,
	"platform" text NOT NULL,
	"user_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error_message" text,
	"attempt_count" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_members" (
	"conversation_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"last_read_message_id" integer DEFAULT 0 NOT NULL,
	"last_read_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_members_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"title" text,
	"dm_key" text,
	"created_by" integer,
	"last_message_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"conversation_id" integer NOT NULL,
	"sender_id" integer,
	"type" text NOT NULL,
	"body" text,
	"shared_video_id" integer,
	"attachment_path" text,
	"attachment_mime" text,
	"attachment_size" bigint,
	"attachment_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_category_id_video_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."video_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_daily_stats" ADD CONSTRAINT "video_daily_stats_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_finishes" ADD CONSTRAINT "video_finishes_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_progress" ADD CONSTRAINT "video_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_progress" ADD CONSTRAINT "video_progress_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_retention" ADD CONSTRAINT "video_retention_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_stats" ADD CONSTRAINT "video_stats_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_upvotes" ADD CONSTRAINT "video_upvotes_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_view_events" ADD CONSTRAINT "video_view_events_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_view_marks" ADD CONSTRAINT "video_view_marks_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_watch_events" ADD CONSTRAINT "video_watch_events_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_watch_sessions" ADD CONSTRAINT "video_watch_sessions_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_steps" ADD CONSTRAINT "pipeline_steps_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moment_reaction_slices" ADD CONSTRAINT "moment_reaction_slices_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moment_reaction_timeline" ADD CONSTRAINT "moment_reaction_timeline_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moment_reactions" ADD CONSTRAINT "moment_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moment_reactions" ADD CONSTRAINT "moment_reactions_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_reactions" ADD CONSTRAINT "video_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_reactions" ADD CONSTRAINT "video_reactions_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_audit" ADD CONSTRAINT "share_audit_record_id_share_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."share_records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_records" ADD CONSTRAINT "share_records_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_records" ADD CONSTRAINT "share_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_members" ADD CONSTRAINT "conversation_members_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_members" ADD CONSTRAINT "conversation_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_shared_video_id_videos_id_fk" FOREIGN KEY ("shared_video_id") REFERENCES "public"."videos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "video_categories_slug_uq" ON "video_categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "video_categories_sort_idx" ON "video_categories" USING btree ("sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "videos_path_uq" ON "videos" USING btree ("path");--> statement-breakpoint
CREATE INDEX "videos_fingerprint_idx" ON "videos" USING btree ("file_size","partial_hash");--> statement-breakpoint
CREATE INDEX "videos_file_hash_idx" ON "videos" USING btree ("file_hash");--> statement-breakpoint
CREATE INDEX "videos_directory_valid_orientation_idx" ON "videos" USING btree ("directory_type","is_valid","orientation");--> statement-breakpoint
CREATE INDEX "videos_created_idx" ON "videos" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "videos_title_trgm_idx" ON "videos" USING gin (lower(coalesce("title", '') || ' ' || "filename") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "video_progress_user_recent_idx" ON "video_progress" USING btree ("user_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "video_stats_recent_idx" ON "video_stats" USING btree ("created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_popular_idx" ON "video_stats" USING btree ("upvote_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_viewed_idx" ON "video_stats" USING btree ("view_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_cat_recent_idx" ON "video_stats" USING btree ("category_id","created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_cat_viewed_idx" ON "video_stats" USING btree ("category_id","view_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_view_events_video_idx" ON "video_view_events" USING btree ("video_id","created_at");--> statement-breakpoint
CREATE INDEX "video_watch_events_video_idx" ON "video_watch_events" USING btree ("video_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("resource_category","priority" DESC NULLS LAST,"created_at","id") WHERE status in ('pending', 'queued');--> statement-breakpoint
CREATE INDEX "jobs_lease_idx" ON "jobs" USING btree ("lease_expires_at") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("completed_at") WHERE status in ('completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE INDEX "jobs_pipeline_idx" ON "jobs" USING btree ("pipeline_id") WHERE pipeline_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_steps_position_uq" ON "pipeline_steps" USING btree ("pipeline_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_nodes_name_uq" ON "worker_nodes" USING btree ("name");--> statement-breakpoint
CREATE INDEX "moment_reactions_video_time_idx" ON "moment_reactions" USING btree ("video_id","video_timestamp","id");--> statement-breakpoint
CREATE INDEX "moment_reactions_user_created_idx" ON "moment_reactions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "moment_reactions_created_idx" ON "moment_reactions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "video_reactions_user_video_uq" ON "video_reactions" USING btree ("user_id","video_id");--> statement-breakpoint
CREATE INDEX "video_reactions_video_type_idx" ON "video_reactions" USING btree ("video_id","reaction_type");--> statement-breakpoint
CREATE INDEX "comments_video_top_idx" ON "comments" USING btree ("video_id","id") WHERE "comments"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "comments_parent_idx" ON "comments" USING btree ("parent_id","id");--> statement-breakpoint
CREATE INDEX "comments_user_idx" ON "comments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "share_audit_video_platform_idx" ON "share_audit" USING btree ("video_id","platform");--> statement-breakpoint
CREATE INDEX "share_audit_user_idx" ON "share_audit" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "share_records_video_platform_user_uq" ON "share_records" USING btree ("video_id","platform","user_id");--> statement-breakpoint
CREATE INDEX "share_records_user_idx" ON "share_records" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "conversation_members_user_idx" ON "conversation_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_dm_key_uq" ON "conversations" USING btree ("dm_key");--> statement-breakpoint
CREATE INDEX "messages_conversation_id_idx" ON "messages" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE INDEX "messages_shared_video_idx" ON "messages" USING btree ("shared_video_id");