// The key of a pair of ids (video and session, video and viewer, user and video) in the
// engagement path's maps: one spelling, so the writer, its reads and its statement agree.
export const pairKey = (a: number | string, b: number | string) => `${a}\u0000${b}`;
