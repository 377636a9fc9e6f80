// How numbers read in messages, reasons and the CLI.
import { formatDuration } from './duration.js';
import type { Criterion, Scope } from './evaluation.js';

/** A share as a percentage with enough digits to show thresholds like 0.01 % (`0.0123%`). */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0%';
  const digits = percent >= 10 ? 1 : percent >= 1 ? 2 : percent >= 0.01 ? 4 : 6;
  return `${Number(percent.toFixed(digits))}%`;
}

/** Milliseconds, to 0.01 ms (`+12.5ms`, `-0.03ms`). */
export function formatMs(ms: number, signed = false): string {
  const text = `${Number(ms.toFixed(2))}ms`;
  return signed && ms > 0 ? `+${text}` : text;
}

/** A value in the unit of `criterion`. */
export function formatValue(value: number | null, unit: Criterion['unit'], signed = false): string {
  if (value === null) return '—';
  switch (unit) {
    case 'share':
      return formatShare(value);
    case 'ms':
      return formatMs(value, signed);
    case 'duration':
      return formatDuration(value);
    case 'count':
      return String(value);
  }
}

/** `tenant acme`, `route chat`, `module tokenizer`, `all modules`. */
export function formatScope(scope: Scope, module: string): string {
  switch (scope.kind) {
    case 'module':
      return `module ${module}`;
    case 'all':
      return 'all modules';
    default:
      return `${scope.kind} ${scope.id}`;
  }
}

/** An ISO-8601 time in UTC (`2026-01-02T03:04:05Z`). */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
