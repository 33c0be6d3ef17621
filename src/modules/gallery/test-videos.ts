// Test helper: published videos as rows only (the shared fixture), with the gallery's
// defaults (no title, 60 s, 1080p) and a `thumbnail` switch; returns the id.
import type { Database } from '../../db/client.js';
import { insertVideo as insertFixture } from '../../../test/fixtures/insert-video.js';

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

export async function insertVideo(database: Pick<Database, 'db'>, v: TestVideo = {}): Promise<number> {
  const { thumbnail, ...rest } = v;
  const row = await insertFixture(database, {
    title: null,
    durationSeconds: 60,
    quality: '1080p',
    orientation: 'landscape',
    fileSize: 1000,
    ...rest,
    ...(v.filename ? { path: `/library/test/${v.filename}` } : {}),
    thumbnailPath: thumbnail ? `/thumbs/${v.filename ?? 'clip'}.jpg` : null,
  });
  return row.id;
}
