// Platform names and share intents: pure functions, no I/O. The server only tracks shares
// (seed 004 §3): the UI opens these intent URLs so the user really shares.

/** Trims, lower-cases and de-duplicates platform names, keeping the first-seen order. */
export function normalizePlatforms(input: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of input) {
    const name = raw.trim().toLowerCase();
    if (name) seen.add(name);
  }
  return [...seen];
}

/** Splits requested platforms into allowed ones and the unsupported ones (both in order). */
export function checkAllowlist(platforms: readonly string[], allowlist: readonly string[]) {
  const allowed = new Set(allowlist);
  return {
    supported: platforms.filter((p) => allowed.has(p)),
    unsupported: platforms.filter((p) => !allowed.has(p)),
  };
}

const LABELS: Record<string, string> = {
  twitter: 'X (Twitter)',
  x: 'X',
  whatsapp: 'WhatsApp',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  telegram: 'Telegram',
  reddit: 'Reddit',
  bluesky: 'Bluesky',
  email: 'Email',
};

export const platformLabel = (platform: string) =>
  LABELS[platform] ?? platform.charAt(0).toUpperCase() + platform.slice(1);

/**
 * The platform's own share-intent URL for `url`, or null for a platform without one
 * (the UI then offers "copy link").
 */
export function shareIntentUrl(platform: string, url: string, title: string): string | null {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  switch (platform) {
    case 'twitter':
    case 'x':
      return `https://x.com/intent/tweet?url=${u}&text=${t}`;
    case 'whatsapp':
      return `https://wa.me/?text=${encodeURIComponent(title ? `${title} ${url}` : url)}`;
    case 'facebook':
      return `https://www.facebook.com/sharer/sharer.php?u=${u}`;
    case 'linkedin':
      return `https://www.linkedin.com/sharing/share-offsite/?url=${u}`;
    case 'telegram':
      return `https://t.me/share/url?url=${u}&text=${t}`;
    case 'reddit':
      return `https://www.reddit.com/submit?url=${u}&title=${t}`;
    case 'bluesky':
      return `https://bsky.app/intent/compose?text=${encodeURIComponent(title ? `${title} ${url}` : url)}`;
    case 'email':
      return `mailto:?subject=${t}&body=${u}`;
    default:
      return null;
  }
}

/** The public watch page of a video on this server, from the request's origin. */
export function watchUrl(origin: string, videoId: number): string {
  return new URL(`/watch/${videoId}`, origin).toString();
}
