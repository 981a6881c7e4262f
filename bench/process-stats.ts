/**
 * A gateway's own resource accounting, read from /proc (Linux): CPU time the kernel charged to
 * the process, and its resident memory sampled while load runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = readClockTicks();

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(ticks) && ticks > 0) return ticks;
  } catch {
    // getconf missing: fall through to Linux's usual value
  }
  return 100;
}

/** User plus system CPU time the process has used so far, in milliseconds. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name, index 0 is field 3 (state); utime is field 14 and stime field 15.
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read CPU time of process ${pid}`);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The process's resident set size now, in MiB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`cannot read VmRSS of process ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * Samples a process's RSS at a fixed interval and keeps the highest value. VmHWM would give the
 * peak since the process started (start-up, earlier scenarios); sampling gives the peak of this
 * window only.
 */
export class PeakRssSampler {
  private peakMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    try {
      this.peakMb = Math.max(this.peakMb, rssMb(this.pid));
    } catch {
      // the process is gone; whoever waits on it reports that
    }
  }

  /** Stops sampling and returns the peak, in MiB. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }
}
