CREATE TABLE "moment_reaction_timeline" (
	"video_id" integer NOT NULL,
	"second" integer NOT NULL,
	"counts" integer[] NOT NULL,
	CONSTRAINT "moment_reaction_timeline_pk" PRIMARY KEY("video_id","second")
);
--> statement-breakpoint
ALTER TABLE "moment_reaction_timeline" ADD CONSTRAINT "moment_reaction_timeline_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;