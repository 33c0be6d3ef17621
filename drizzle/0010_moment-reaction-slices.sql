CREATE TABLE "moment_reaction_slices" (
	"video_id" integer NOT NULL,
	"duration_seconds" double precision NOT NULL,
	"slice" integer NOT NULL,
	"counts" integer[] NOT NULL,
	CONSTRAINT "moment_reaction_slices_pk" PRIMARY KEY("video_id","duration_seconds","slice")
);
--> statement-breakpoint
ALTER TABLE "moment_reaction_slices" ADD CONSTRAINT "moment_reaction_slices_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;