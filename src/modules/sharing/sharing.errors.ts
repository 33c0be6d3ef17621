import { badRequest } from '../../shared/errors.js';

export const unsupportedPlatforms = (unsupported: string[], allowed: readonly string[]) =>
  badRequest(
    `Unsupported platform${unsupported.length > 1 ? 's' : ''}: ${unsupported.join(', ')} (supported: ${allowed.join(', ')})`,
    { unsupported, supported: allowed },
    'UNSUPPORTED_PLATFORM',
  );

// Seed 004 §8: real server-side posting needs per-user OAuth tokens that Reel does not
// store yet, so the mode is refused rather than pretended.
export const serverPostUnavailable = () =>
  badRequest(
    'mode "server_post" is not available: Reel only tracks shares (mode "track_only"); open the platform\'s share intent from GET /api/share/platforms',
    undefined,
    'SERVER_POST_UNAVAILABLE',
  );

export const badOrigin = () => badRequest('Cannot build share links: the request has no valid Host', undefined, 'BAD_ORIGIN');

export const noPlatforms = () => badRequest('platforms must name at least one platform', undefined, 'VALIDATION');
