// Prometheus text exposition format (version 0.0.4): names, escaping, number formatting.

/** The `Content-Type` of `MetricsRegistry.render()` output. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** True for a valid Prometheus metric name. */
export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** True for a label name a user may define (`__` is reserved by Prometheus). */
export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

/** HELP text: backslash and newline are escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Label value: backslash, double quote and newline are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A sample value as Prometheus writes it (`+Inf`, `-Inf`, `NaN`, else the shortest round-trip form). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** `{a="x",b="y"}` for the given names and values; `''` when there are none. `extra` is appended as is. */
export function formatLabels(names: readonly string[], values: readonly string[], extra = ''): string {
  let out = '';
  for (let i = 0; i < names.length; i += 1) {
    if (out !== '') out += ',';
    out += `${names[i] ?? ''}="${escapeLabelValue(values[i] ?? '')}"`;
  }
  if (extra !== '') out = out === '' ? extra : `${out},${extra}`;
  return out === '' ? '' : `{${out}}`;
}
