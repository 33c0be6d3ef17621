// Where a video's bytes are served (library.media.routes.ts): the one place that spells
// these URLs, for every feature that links to them.
export const mediaUrls = {
  thumbnail: (id: number) => `/media/${id}/thumbnail`,
  stream: (id: number) => `/media/${id}/stream`,
  hlsMaster: (id: number) => `/media/${id}/hls/master.m3u8`,
  captions: (id: number) => `/media/${id}/captions`,
};
