import { describe, expect, it } from 'vitest';
import { checkAllowlist, normalizePlatforms, shareIntentUrl, watchUrl } from './sharing.platforms.js';

describe('normalizePlatforms', () => {
  it('trims, lower-cases, drops empties and duplicates, keeps order', () => {
    expect(normalizePlatforms([' Twitter', 'WHATSAPP ', 'twitter', '', '  ', 'whatsApp'])).toEqual(['twitter', 'whatsapp']);
  });
});

describe('checkAllowlist', () => {
  it('lists every unsupported platform', () => {
    expect(checkAllowlist(['twitter', 'myspace', 'friendster'], ['twitter', 'whatsapp'])).toEqual({
      supported: ['twitter'],
      unsupported: ['myspace', 'friendster'],
    });
  });
});

describe('shareIntentUrl', () => {
  const url = watchUrl('https://reel.example:8443', 42);
  it('builds the watch page from the origin', () => {
    expect(url).toBe('https://reel.example:8443/watch/42');
  });
  it('builds each platform intent with encoded parameters', () => {
    expect(shareIntentUrl('twitter', url, 'A & B')).toBe(
      'https://x.com/intent/tweet?url=https%3A%2F%2Freel.example%3A8443%2Fwatch%2F42&text=A%20%26%20B',
    );
    expect(shareIntentUrl('whatsapp', url, 'Hi')).toBe('https://wa.me/?text=Hi%20https%3A%2F%2Freel.example%3A8443%2Fwatch%2F42');
    expect(shareIntentUrl('facebook', url, 'x')).toBe(
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Freel.example%3A8443%2Fwatch%2F42',
    );
    expect(shareIntentUrl('linkedin', url, 'x')).toBe(
      'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Freel.example%3A8443%2Fwatch%2F42',
    );
    expect(shareIntentUrl('myspace', url, 'x')).toBeNull();
  });
});
