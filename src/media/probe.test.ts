import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../../test/fixtures/make-video.js';
import { buildProbeArgs, parseFfprobeOutput, probeVideo, probeWithFfprobe, ProbeError } from './probe.js';
import { orientationOf, parseRate, qualityLabel } from './probe-types.js';

const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';

describe('derived fields', () => {
  it('labels quality by the short side, or the long side for wide crops', () => {
    expect(qualityLabel(1920, 1080)).toBe('1080p');
    expect(qualityLabel(1080, 1920)).toBe('1080p');
    expect(qualityLabel(1920, 800)).toBe('1080p');
    expect(qualityLabel(3840, 2160)).toBe('2160p');
    expect(qualityLabel(1280, 720)).toBe('720p');
    expect(qualityLabel(320, 240)).toBe('240p');
    expect(qualityLabel(160, 120)).toBe('144p');
    expect(qualityLabel(0, 0)).toBeNull();
  });
  it('tells orientation', () => {
    expect(orientationOf(320, 240)).toBe('landscape');
    expect(orientationOf(240, 320)).toBe('portrait');
    expect(orientationOf(240, 240)).toBe('square');
    expect(orientationOf(720, 712)).toBe('square');
  });
  it('parses frame rates', () => {
    expect(parseRate('30000/1001')).toBeCloseTo(29.97, 2);
    expect(parseRate('0/0')).toBeNull();
    expect(parseRate(undefined)).toBeNull();
  });
  it('builds ffprobe arguments that cannot be mistaken for options', () => {
    expect(buildProbeArgs('-evil.mp4').slice(-2)).toEqual(['--', '-evil.mp4']);
  });
  it('reads rotation and rejects audio-only output', () => {
    const json = JSON.stringify({
      streams: [{ codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30/1', side_data_list: [{ rotation: -90 }] }],
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '3.5', bit_rate: '1000' },
    });
    expect(parseFfprobeOutput(json, 'a.mov')).toMatchObject({ width: 1080, height: 1920, container: 'mov', fps: 30, hasAudio: false });
    expect(() => parseFfprobeOutput(JSON.stringify({ streams: [{ codec_type: 'audio' }], format: { duration: '1' } }), 'a.mp4')).toThrow(ProbeError);
  });
});

describe('header parsers agree with ffprobe', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'reel-probe-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases = [
    { name: 'land.mp4', spec: { width: 320, height: 240 }, container: 'mp4' },
    { name: 'port.mov', spec: { width: 180, height: 320, audio: false }, container: 'mov' },
    { name: 'square.mkv', spec: { width: 240, height: 240 }, container: 'matroska' },
    { name: 'clip.webm', spec: { width: 320, height: 180, duration: 1 }, container: 'webm' },
  ];
  for (const c of cases) {
    it(`${c.name}`, async () => {
      const file = await makeVideo(path.join(dir, c.name), { ...c.spec, duration: c.spec.duration ?? 1 });
      const fast = await probeVideo({ file, ffprobePath: FFPROBE });
      const slow = await probeWithFfprobe(file, FFPROBE);
      expect(fast.source).toBe('header');
      expect(fast.container).toBe(c.container);
      expect(slow.container).toBe(c.container);
      expect(fast.width).toBe(slow.width);
      expect(fast.height).toBe(slow.height);
      expect(fast.videoCodec).toBe(slow.videoCodec);
      expect(fast.audioCodec).toBe(slow.audioCodec);
      expect(fast.hasAudio).toBe(c.spec.audio !== false);
      expect(fast.durationSeconds).toBeCloseTo(slow.durationSeconds, 1);
      if (fast.fps !== null) expect(fast.fps).toBeCloseTo(15, 0);
    });
  }

  it('hands a broken file to ffprobe, which gives the reason', async () => {
    const good = await makeVideo(path.join(dir, 'src.mp4'), { duration: 1 });
    const bytes = readFileSync(good);
    const broken = path.join(dir, 'broken.mp4');
    // A real ftyp box followed by garbage: looks like an MP4, is not one.
    writeFileSync(broken, Buffer.concat([bytes.subarray(0, 32), Buffer.alloc(5000, 7)]));
    await expect(probeVideo({ file: broken, ffprobePath: FFPROBE })).rejects.toThrow(ProbeError);
    const empty = path.join(dir, 'empty.mp4');
    writeFileSync(empty, '');
    await expect(probeVideo({ file: empty, ffprobePath: FFPROBE })).rejects.toThrow('file is empty');
  });
});
