import { LoggerService } from '@nestjs/common';

/** Collects everything a Nest app logs, and anything written to stdout/stderr meanwhile. */
export class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  private restore: (() => void) | undefined;

  log(message: unknown, ...rest: unknown[]) {
    this.add('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.add('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.add('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.add('verbose', message, rest);
  }

  /** Also records what anything writes to the process's stdout and stderr. */
  captureStdio(): void {
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const tap =
      (name: string, write: typeof out) =>
      (chunk: unknown, ...args: unknown[]): boolean => {
        this.lines.push(`${name}: ${String(chunk)}`);
        return (write as (...a: unknown[]) => boolean)(chunk, ...args);
      };
    process.stdout.write = tap('stdout', out) as typeof process.stdout.write;
    process.stderr.write = tap('stderr', err) as typeof process.stderr.write;
    this.restore = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
  }

  stop(): void {
    this.restore?.();
  }

  /** Lines that look like a stack trace (`    at fn (file:1:2)`) or an error-level entry. */
  get suspicious(): string[] {
    return this.lines.filter(
      (line) =>
        /\n\s+at .+:\d+:\d+\)?/.test(line) ||
        /^\s+at .+:\d+:\d+/m.test(line) ||
        line.startsWith('error:'),
    );
  }

  private add(level: string, message: unknown, rest: unknown[]) {
    const text = [message, ...rest]
      .map((part) => (part instanceof Error ? (part.stack ?? part.message) : String(part)))
      .join(' ');
    this.lines.push(`${level}: ${text}`);
  }
}
