// Pure ffmpeg argument builders and parsers used by the media jobs.
import { describe, expect, it } from 'vitest';
import { buildHlsArgs, buildStreamingMp4Args, hlsRungsFor } from './hls.js';
import { buildGifArgs } from './gif.js';
import { buildClipArgs } from './clip.js';
import { buildSceneDetectArgs, parseSceneMetadata } from './scenes.js';
import { colourName, parseColourStats } from './colour.js';
import { buildConcatArgs, buildQuadArgs, quadLayout } from './compose.js';
import { deriveTags, lengthBucket, mergeTags } from './tags.js';

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('HLS ladder', () => {
  it('never goes above the source and tops the ladder with the source size', () => {
    expect(hlsRungsFor(1920, 1080).map((r) => `${r.width}x${r.height}`)).toEqual(['1920x1080', '1280x720', '854x480', '640x360']);
    expect(hlsRungsFor(320, 240).map((r) => `${r.width}x${r.height}`)).toEqual(['320x240', '192x144']);
    expect(hlsRungsFor(1000, 562).map((r) => r.height)).toEqual([562, 480, 360, 240]);
    // portrait: the short side is the width
    expect(hlsRungsFor(720, 1280).map((r) => `${r.width}x${r.height}`)).toEqual(['720x1280', '480x854', '360x640', '240x426']);
    expect(hlsRungsFor(100, 80).length).toBe(1);
  });

  it('maps one video and audio stream per rendition and writes a master playlist', () => {
    const rungs = hlsRungsFor(640, 360, 2);
    const args = buildHlsArgs('/in.mp4', '/out', rungs, { hasAudio: true, segmentSeconds: 4 });
    expect(after(args, '-filter_complex')).toBe('[0:v]split=2[s0][s1];[s0]scale=640:360,setsar=1[v0];[s1]scale=426:240,setsar=1[v1]');
    expect(after(args, '-var_stream_map')).toBe('v:0,a:0 v:1,a:1');
    expect(after(args, '-master_pl_name')).toBe('master.m3u8');
    expect(after(args, '-force_key_frames')).toBe('expr:gte(t,n_forced*4)');
    expect(args.at(-1)).toBe('/out/v%v/index.m3u8');
    const silent = buildHlsArgs('/in.mp4', '/out', rungs, { hasAudio: false });
    expect(after(silent, '-var_stream_map')).toBe('v:0 v:1');
    expect(silent).not.toContain('0:a:0');
  });

  it('makes a faststart H.264/AAC MP4', () => {
    const args = buildStreamingMp4Args('/in.mkv', '/out.mp4', { hasAudio: true });
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-c:a')).toBe('aac');
    expect(buildStreamingMp4Args('/in.mkv', '/out.mp4', { hasAudio: false })).not.toContain('-c:a');
  });
});

describe('GIFs, clips, scenes', () => {
  it('builds a palette GIF graph', () => {
    const args = buildGifArgs('/in.mp4', '/out.gif', { start: 2, duration: 3, width: 320, fps: 12 });
    expect(after(args, '-ss')).toBe('2');
    expect(after(args, '-t')).toBe('3');
    expect(after(args, '-filter_complex')).toMatch(/^\[0:v\]fps=12,scale=320:-2:flags=lanczos,split\[a\]\[b\];\[a\]palettegen/);
    expect(after(args, '-filter_complex')).toContain('paletteuse');
  });

  it('cuts clips by stream copy or re-encode', () => {
    expect(buildClipArgs('/in.mp4', '/o.mp4', { start: 5, duration: 2, reencode: false, hasAudio: true })).toEqual(expect.arrayContaining(['-c', 'copy']));
    const re = buildClipArgs('/in.mp4', '/o.mp4', { start: 5, duration: 2, reencode: true, hasAudio: false });
    expect(after(re, '-c:v')).toBe('libx264');
    expect(re).not.toContain('0:a:0');
  });

  it('selects scene changes and parses their times', () => {
    const args = buildSceneDetectArgs('/in.mp4', { threshold: 0.4, metadataFile: '/tmp/a:b.txt', imagePattern: '/tmp/s-%04d.jpg', width: 320 });
    expect(after(args, '-vf')).toBe("select='eq(n\\,0)+gt(scene\\,0.4)',metadata=print:file=/tmp/a\\:b.txt,scale=320:-2");
    const parsed = parseSceneMetadata('frame:0    pts:0       pts_time:0\nlavfi.scene_score=0.000000\nframe:1    pts:10240   pts_time:1.0\nlavfi.scene_score=0.812\n');
    expect(parsed).toEqual([{ time: 0, score: 0 }, { time: 1, score: 0.812 }]);
  });
});

describe('colour and tags', () => {
  it('averages signalstats and names colours', () => {
    const stats = parseColourStats('frame:0\nlavfi.signalstats.YAVG=81.0\nlavfi.signalstats.UAVG=90.0\nlavfi.signalstats.VAVG=240.0\nframe:1\nlavfi.signalstats.YAVG=83.0\nlavfi.signalstats.UAVG=92.0\nlavfi.signalstats.VAVG=238.0\n');
    expect(stats).toEqual({ y: 82, u: 91, v: 239 });
    expect(colourName(stats!)).toBe('red');
    expect(colourName({ y: 41, u: 240, v: 110 })).toBe('blue');
    expect(colourName({ y: 16, u: 128, v: 128 })).toBe('black');
    expect(colourName({ y: 235, u: 128, v: 128 })).toBe('white');
    expect(parseColourStats('nothing')).toBeNull();
  });

  it('derives tags and replaces only generated ones', () => {
    const tags = deriveTags({ width: 1920, height: 1080, durationSeconds: 700, hasAudio: false, sceneCount: 12, colour: 'green', orientation: 'landscape', quality: '1080p' });
    expect(tags).toEqual(['orientation:landscape', 'quality:1080p', 'length:long', 'scenes:several', 'audio:none', 'colour:green']);
    expect(mergeTags(['holiday', 'length:short', 'colour:red'], tags)).toEqual(['holiday', ...tags]);
    expect([30, 120, 1200, 4000].map(lengthBucket)).toEqual(['short', 'medium', 'long', 'feature']);
  });
});

describe('compilations', () => {
  it('concatenates segments with generated silence for silent sources', () => {
    const args = buildConcatArgs(
      [
        { input: '/a.mp4', start: 1, duration: 2, hasAudio: true },
        { input: '/b.mp4', start: 0, duration: 3, hasAudio: false },
      ],
      '/out.mp4',
      { width: 640, height: 360, fps: 30 },
    );
    const graph = after(args, '-filter_complex')!;
    expect(args.filter((a) => a === '-i')).toHaveLength(3); // two sources + one silence
    expect(args).toContain('anullsrc=r=44100:cl=stereo');
    expect(graph).toContain('[0:a:0]aresample');
    expect(graph).toContain('[2:a]aresample');
    expect(graph).toMatch(/\[v0\]\[a0\]\[v1\]\[a1\]concat=n=2:v=1:a=1\[v\]\[a\]$/);
  });

  it('stacks four inputs in a 2×2 grid or a row with black fill', () => {
    const inputs = ['/1', '/2', '/3', '/4'].map((input) => ({ input, start: 0, hasAudio: input !== '/2' }));
    const args = buildQuadArgs(inputs, '/o.mp4', { cellWidth: 160, cellHeight: 120, duration: 2, fps: 25, layout: 'grid' });
    const graph = after(args, '-filter_complex')!;
    expect(graph).toContain(`xstack=inputs=4:layout=${quadLayout('grid')}:fill=black`);
    expect(graph).toContain('[0:a:0][2:a:0][3:a:0]amix=inputs=3');
    expect(quadLayout('row')).toBe('0_0|w0_0|w0+w1_0|w0+w1+w2_0');
    expect(() => buildQuadArgs(inputs.slice(0, 3), '/o.mp4', { cellWidth: 2, cellHeight: 2, duration: 1, fps: 1, layout: 'grid' })).toThrow(/exactly four/);
  });
});
