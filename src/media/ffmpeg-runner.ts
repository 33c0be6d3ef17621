// The one place that spawns ffmpeg/ffprobe. Argument lists are built by pure functions
// elsewhere in src/media; this runner adds what every run needs: progress parsed from
// `-progress pipe:1`, a timeout, abort through an AbortSignal (the process is killed),
// and the tail of stderr kept for the job log when it fails.
import { spawn } from 'node:child_process';

export class FfmpegError extends Error {
  constructor(
    message: string,
    public readonly stderrTail: string,
    public readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'FfmpegError';
  }
}

export type RunOptions = {
  /** Binary to run (config.ffmpegPath or config.ffprobePath). */
  bin: string;
  args: string[];
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Total media seconds the run will process; enables percent progress. */
  durationSeconds?: number;
  /** Called with 0–100 as ffmpeg reports progress (needs `-progress pipe:1` in args). */
  onProgress?: (percent: number) => void;
  /** Keep stdout (e.g. ffprobe JSON); off for ffmpeg runs that write progress there. */
  captureStdout?: boolean;
};

const STDERR_TAIL_BYTES = 4000;

/** Parses the `out_time_us=`/`out_time_ms=` lines ffmpeg writes with `-progress`. */
export function parseProgressSeconds(chunk: string): number | undefined {
  let last: number | undefined;
  for (const line of chunk.split('\n')) {
    const m = /^out_time_(?:us|ms)=(\d+)/.exec(line.trim());
    if (m) last = Number(m[1]) / 1_000_000; // both keys are microseconds in ffmpeg ≥ 5
  }
  return last;
}

export function runMedia(opts: RunOptions): Promise<{ stdout: string; stderrTail: string }> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new FfmpegError('aborted before start', '', null));
    const child = spawn(opts.bin, opts.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let lastPercent = -1;
    let settled = false;
    let reason: string | undefined;

    const kill = (why: string) => {
      reason ??= why;
      child.kill('SIGKILL');
    };
    const onAbort = () => kill('aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = opts.timeoutMs ? setTimeout(() => kill(`timed out after ${opts.timeoutMs} ms`), opts.timeoutMs) : undefined;

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (opts.captureStdout) stdout += chunk;
      if (opts.onProgress && opts.durationSeconds && opts.durationSeconds > 0) {
        const seconds = parseProgressSeconds(chunk);
        if (seconds !== undefined) {
          const percent = Math.max(0, Math.min(99, Math.floor((seconds / opts.durationSeconds) * 100)));
          if (percent > lastPercent) {
            lastPercent = percent;
            opts.onProgress(percent);
          }
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });

    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve({ stdout, stderrTail: stderr });
    };
    child.on('error', (err) =>
      finish(new FfmpegError(`could not start ${opts.bin}: ${err.message}`, stderr, null)),
    );
    child.on('close', (code) => {
      if (reason) return finish(new FfmpegError(`${opts.bin} ${reason}`, stderr, code));
      if (code !== 0) {
        const lastLine = stderr.trim().split('\n').pop() ?? '';
        return finish(new FfmpegError(`${opts.bin} exited with code ${code}: ${lastLine}`, stderr, code));
      }
      if (opts.onProgress && lastPercent < 100) opts.onProgress(100);
      finish();
    });
  });
}
