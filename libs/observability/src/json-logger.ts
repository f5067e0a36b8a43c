import type { LoggerService } from '@nestjs/common';
import { currentTraceContext } from './trace-context';

type Level = 'error' | 'warn' | 'info' | 'debug' | 'verbose' | 'fatal';

const RANK: Record<Level, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, verbose: 5 };

/** A flush carries at most this much; more is written at once. */
const MAX_BUFFERED_BYTES = 64 * 1024;

/**
 * Lines waiting to go to stdout. Under load a service logs a line or two for every case, and a write to a file
 * or a pipe is a system call each: gathered until the current turn of the event loop ends, they go out in one.
 * An error, and whatever is left when the process exits, goes out at once.
 */
const stdoutBuffer = {
  lines: [] as string[],
  bytes: 0,
  scheduled: false,
  add(line: string, urgent: boolean): void {
    this.lines.push(line);
    this.bytes += line.length;
    if (urgent || this.bytes >= MAX_BUFFERED_BYTES) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  },
  flush(): void {
    this.scheduled = false;
    if (this.lines.length === 0) return;
    const text = this.lines.join('');
    this.lines = [];
    this.bytes = 0;
    process.stdout.write(text);
  },
};
process.on('exit', () => stdoutBuffer.flush());

/** One JSON object per line on stdout, with the correlation id of the work in progress. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level: string = process.env.LOG_LEVEL ?? 'info',
  ) {
    this.threshold = RANK[(level as Level) in RANK ? (level as Level) : 'info'];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (RANK[level] > this.threshold) return;
    // Nest passes the context name last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const trace = currentTraceContext();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      correlationId: trace?.correlationId,
      traceId: trace?.traceId,
    };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (stack) entry.stack = stack;
    stdoutBuffer.add(`${JSON.stringify(entry)}\n`, RANK[level] <= RANK.error);
  }
}
