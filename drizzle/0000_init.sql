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
CREATE TABLE "video_stats" (
	"video_id" integer PRIMARY KEY NOT NULL,
	"view_count" bigint DEFAULT 0 NOT NULL,
	"upvote_count" bigint DEFAULT 0 NOT NULL,
	"comment_count" bigint DEFAULT 0 NOT NULL,
	"finish_count" bigint DEFAULT 0 NOT NULL,
	"total_watch_seconds" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_category_id_video_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."video_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "videos" ADD CONSTRAINT "videos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_stats" ADD CONSTRAINT "video_stats_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "video_categories_slug_uq" ON "video_categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "video_categories_sort_idx" ON "video_categories" USING btree ("sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "videos_path_uq" ON "videos" USING btree ("path");--> statement-breakpoint
CREATE INDEX "videos_fingerprint_idx" ON "videos" USING btree ("file_size","partial_hash");--> statement-breakpoint
CREATE INDEX "videos_file_hash_idx" ON "videos" USING btree ("file_hash");--> statement-breakpoint
CREATE INDEX "videos_directory_valid_orientation_idx" ON "videos" USING btree ("directory_type","is_valid","orientation");--> statement-breakpoint
CREATE INDEX "videos_created_idx" ON "videos" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "videos_title_trgm_idx" ON "videos" USING gin (lower(coalesce("title", '') || ' ' || "filename") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "video_stats_views_idx" ON "video_stats" USING btree ("view_count");--> statement-breakpoint
CREATE INDEX "video_stats_upvotes_idx" ON "video_stats" USING btree ("upvote_count");