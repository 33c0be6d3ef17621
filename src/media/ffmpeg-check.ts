// Says in one line what to run when ffmpeg/ffprobe are missing or too old (SPEC §1).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Config } from '../app/config.js';

const run = promisify(execFile);

const INSTALL_HINT =
  process.platform === 'darwin' ? 'brew install ffmpeg' : 'sudo apt-get install -y ffmpeg';

async function majorVersion(bin: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(bin, ['-version'], { timeout: 10_000 });
    const m = /version n?(\d+)/.exec(stdout);
    return m ? Number(m[1]) : 0;
  } catch {
    return undefined;
  }
}

/** undefined when both tools are usable; otherwise the one line to show. */
export async function checkFfmpeg(config: Pick<Config, 'ffmpegPath' | 'ffprobePath'>): Promise<string | undefined> {
  for (const [name, bin] of [['ffmpeg', config.ffmpegPath], ['ffprobe', config.ffprobePath]] as const) {
    const v = await majorVersion(bin);
    if (v === undefined) return `${name} not found at "${bin}": install it with \`${INSTALL_HINT}\` (or set ${name.toUpperCase()}_PATH)`;
    if (v !== 0 && v < 5) return `${name} ${v} at "${bin}" is too old (need ≥ 5): install a newer one with \`${INSTALL_HINT}\``;
  }
  return undefined;
}
