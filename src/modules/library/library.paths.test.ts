import { describe, expect, it } from 'vitest';
import { sniffVideoContainer } from './library.inspect.js';
import { parseRange, withTokenInPlaylist } from './library.media.js';
import { directoryTypeFor, hasVideoExtension, isInside, rootOf, safeUploadName, slugify, standardizedName, titleFromFilename, videoContentType } from './library.paths.js';

describe('library paths', () => {
  it('recognises video names', () => {
    expect(hasVideoExtension('/a/b/Clip.MKV')).toBe(true);
    expect(hasVideoExtension('/a/b/notes.txt')).toBe(false);
    expect(hasVideoExtension('/a/b/mp4')).toBe(false);
  });
  it('derives the directory type from the first folder that names one', () => {
    expect(directoryTypeFor('/lib', '/lib/Studios/Acme/highlights/x.mp4')).toBe('studios');
    expect(directoryTypeFor('/lib', '/lib/misc/gifs/x.mp4')).toBe('gifs');
    expect(directoryTypeFor('/lib', '/lib/x.mp4')).toBeNull();
    expect(directoryTypeFor('/lib/inbox', '/lib/inbox/x.mp4')).toBeNull();
    expect(directoryTypeFor('/lib', '/elsewhere/inbox/x.mp4')).toBeNull();
  });
  it('checks containment without being fooled by prefixes', () => {
    expect(isInside('/lib', '/lib/a/b.mp4')).toBe(true);
    expect(isInside('/lib', '/library/b.mp4')).toBe(false);
    expect(isInside('/lib', '/lib/../etc/passwd')).toBe(false);
    expect(rootOf(['/lib', '/lib/sub'], '/lib/sub/x.mp4')).toBe('/lib/sub');
  });
  it('standardizes names and titles', () => {
    expect(standardizedName({ title: 'Summer Trip (final)', filename: 'x.MOV', quality: '1080p' })).toBe('summer-trip-final-1080p.mov');
    expect(standardizedName({ title: null, filename: 'Ünïcødé 日本.mp4', quality: null })).toBe('ünïcødé-日本.mp4');
    expect(standardizedName({ title: '!!!', filename: 'a.mp4', quality: '720p' })).toBe('video-720p.mp4');
    expect(slugify('  A  b_c ')).toBe('a-b-c');
    expect(titleFromFilename('/x/my_holiday.video.mp4')).toBe('my holiday video');
  });
  it('reduces upload names to a safe base name', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('C:\\Users\\me\\clip.mp4')).toBe('clip.mp4');
    expect(safeUploadName('..')).toBe('upload');
    expect(safeUploadName('a\u0000b.mp4')).toBe('ab.mp4');
  });
  it('names content types', () => {
    expect(videoContentType('a.mp4')).toBe('video/mp4');
    expect(videoContentType('a.MOV')).toBe('video/quicktime');
    expect(videoContentType('a.webm')).toBe('video/webm');
    expect(videoContentType('a.mkv')).toBe('video/x-matroska');
    expect(videoContentType('a.bin', 'webm')).toBe('video/webm');
  });
});

describe('byte ranges', () => {
  it('parses the forms a player sends', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-1000', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=50-1000', 100)).toEqual({ start: 50, end: 99 });
  });
  it('refuses what cannot be satisfied and ignores what it does not support', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-1', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=x-y', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-0', 0)).toBe('unsatisfiable');
    expect(parseRange('items=0-5', 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
  });
});

describe('playlists and sniffing', () => {
  it('carries the token to every URI of a playlist', () => {
    const out = withTokenInPlaylist('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\nseg0.m4s\nseg1.m4s?x=1\nhttps://cdn/x.ts\n', 'T');
    expect(out).toBe('#EXTM3U\n#EXT-X-MAP:URI="init.mp4?token=T"\nseg0.m4s?token=T\nseg1.m4s?x=1&token=T\nhttps://cdn/x.ts\n');
  });
  it('sniffs the common containers from their first bytes', () => {
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom')]);
    expect(sniffVideoContainer(ftyp)).toBe('video/mp4');
    expect(sniffVideoContainer(Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  ')]))).toBe('video/quicktime');
    expect(sniffVideoContainer(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x84, ...Buffer.from('webm')]))).toBe('video/webm');
    expect(sniffVideoContainer(Buffer.from('RIFF\0\0\0\0AVI LIST'))).toBe('video/vnd.avi');
    expect(sniffVideoContainer(Buffer.from('hello, this is text'))).toBeNull();
  });
});
