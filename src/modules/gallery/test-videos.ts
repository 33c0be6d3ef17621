// Test helper: published videos inserted straight into `videos` (no scanner, no files).
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

export type TestVideo = {
  title?: string | null;
  filename?: string;
  tags?: string[];
  durationSeconds?: number | null;
  orientation?: 'landscape' | 'portrait' | 'square';
  categoryId?: number | null;
  published?: boolean;
  locked?: boolean;
  isHero?: boolean;
  createdAt?: Date;
  thumbnail?: boolean;
};

let seq = 0;

export async function insertVideo(database: Pick<Database, 'query'>, v: TestVideo = {}): Promise<number> {
  const n = ++seq;
  const filename = v.filename ?? `clip-${n}-${Math.random().toString(36).slice(2, 8)}.mp4`;
  const [row] = await database.query<{ id: number }>(
    sql`insert into videos (path, filename, title, tags, duration_seconds, quality, orientation, published, published_at,
                            category_id, is_hero, locked, thumbnail_path, file_size, created_at)
        values (${`/library/test/${filename}`}, ${filename}, ${v.title ?? null}, ${JSON.stringify(v.tags ?? [])}::jsonb,
                ${v.durationSeconds === undefined ? 60 : v.durationSeconds}, '1080p', ${v.orientation ?? 'landscape'},
                ${v.published ?? true}, now(), ${v.categoryId ?? null}, ${v.isHero ?? false}, ${v.locked ?? false},
                ${v.thumbnail ? `/thumbs/${filename}.jpg` : null}, 1000, ${(v.createdAt ?? new Date()).toISOString()}::timestamptz)
        returning id`,
  );
  return row!.id;
}
