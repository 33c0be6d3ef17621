import { describe, expect, it } from 'vitest';
import { batchesFor } from './library.media-derive.js';

describe('thumbnail batches', () => {
  it('groups small videos by six and keeps large or unknown ones alone', () => {
    const small = (id: number) => ({ id, path: `${id}.mp4`, durationSeconds: 1, width: 320, height: 240 });
    const rows = [...Array.from({ length: 8 }, (_, i) => small(i)), { id: 100, path: 'big.mp4', durationSeconds: 9, width: 3840, height: 2160 }, { id: 101, path: 'x.mp4', durationSeconds: 1 }];
    const batches = batchesFor(rows).map((b) => b.map((r) => r.id));
    expect(batches).toEqual([[0, 1, 2, 3, 4, 5], [100], [101], [6, 7]]);
  });
});
