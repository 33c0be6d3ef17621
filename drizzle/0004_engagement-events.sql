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
DROP INDEX "video_stats_views_idx";--> statement-breakpoint
DROP INDEX "video_stats_upvotes_idx";--> statement-breakpoint
ALTER TABLE "video_stats" ADD COLUMN "listed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "video_stats" ADD COLUMN "is_hero" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "video_stats" ADD COLUMN "category_id" integer;--> statement-breakpoint
ALTER TABLE "video_stats" ADD COLUMN "orientation" text;--> statement-breakpoint
ALTER TABLE "video_stats" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "video_daily_stats" ADD CONSTRAINT "video_daily_stats_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_finishes" ADD CONSTRAINT "video_finishes_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_progress" ADD CONSTRAINT "video_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_progress" ADD CONSTRAINT "video_progress_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_retention" ADD CONSTRAINT "video_retention_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_upvotes" ADD CONSTRAINT "video_upvotes_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_view_events" ADD CONSTRAINT "video_view_events_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_view_marks" ADD CONSTRAINT "video_view_marks_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_watch_events" ADD CONSTRAINT "video_watch_events_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_watch_sessions" ADD CONSTRAINT "video_watch_sessions_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "video_progress_user_recent_idx" ON "video_progress" USING btree ("user_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "video_view_events_video_idx" ON "video_view_events" USING btree ("video_id","created_at");--> statement-breakpoint
CREATE INDEX "video_watch_events_video_idx" ON "video_watch_events" USING btree ("video_id","created_at");--> statement-breakpoint
CREATE INDEX "video_stats_recent_idx" ON "video_stats" USING btree ("created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_popular_idx" ON "video_stats" USING btree ("upvote_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_viewed_idx" ON "video_stats" USING btree ("view_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_cat_recent_idx" ON "video_stats" USING btree ("category_id","created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";--> statement-breakpoint
CREATE INDEX "video_stats_cat_viewed_idx" ON "video_stats" USING btree ("category_id","view_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE "video_stats"."listed";