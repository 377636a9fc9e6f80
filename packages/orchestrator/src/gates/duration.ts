import Type, { type Static } from 'typebox';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const PATTERN = /^((?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(ms|s|m|h|d|w)$/;

/** The pattern of a duration string (for readable validation messages). */
export const DURATION_PATTERN: string = PATTERN.source;

/** What a valid duration looks like. */
export const DURATION_HINT = 'must be a duration: whole milliseconds, or a number with a unit (500ms, 30s, 15m, 12h, 7d, 2w)';

/** A duration in config: whole milliseconds, or a number with a unit (`500ms`, `30s`, `15m`, `12h`, `7d`, `2w`). */
export const Duration = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: PATTERN.source })], {
  description: 'milliseconds, or a number with a unit: 500ms, 30s, 15m, 12h, 7d, 2w',
});
export type Duration = Static<typeof Duration>;

/** `value` in milliseconds (rounded to a whole millisecond). */
export function durationMs(value: Duration): number {
  if (typeof value === 'number') return value;
  const match = PATTERN.exec(value);
  if (match === null) throw new RangeError(`not a duration: ${value}`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/** A duration in its largest unit, to one decimal (`7d`, `1.5d`, `90s` → `1.5m`, `250ms`). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  for (const [unit, size] of [['d', UNIT_MS.d], ['h', UNIT_MS.h], ['m', UNIT_MS.m], ['s', UNIT_MS.s]] as const) {
    if (abs >= size) return `${sign}${Number((abs / size).toFixed(1))}${unit}`;
  }
  return `${sign}${Math.round(abs)}ms`;
}
