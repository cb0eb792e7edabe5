import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS: Record<string, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/** Structured JSON logs, one object per line, at the configured level. */
export function createJsonLogger(service: string, level: string): ConsoleLogger {
  return new ConsoleLogger(service, {
    json: true,
    logLevels: LEVELS[level] ?? LEVELS.info,
    colors: false,
  });
}
