import type { Comparison, Outcome } from '../outcome.js';

/** A value as short JSON for a failure report. */
export function show(value: unknown, max = 600): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length} chars)`;
}

function showOutcome(o: Outcome): string {
  return o.ok ? show(o.value) : `error ${o.code}: ${o.message}`;
}

/** The readable report of a disagreement: input, both outcomes, the canonical diff. */
export function disagreement(title: string, input: unknown, ts: Outcome, wasm: Outcome, cmp: Extract<Comparison, { equal: false }>): Error {
  const lines = [
    `${title}: ts and wasm disagree (${cmp.reason}: ${cmp.detail})`,
    `input: ${show(input)}`,
    `ts:    ${showOutcome(ts)}`,
    `wasm:  ${showOutcome(wasm)}`,
    ...cmp.diff.map((d) => `  ${d.path} ${d.kind}${d.left === undefined ? '' : ` ts=${d.left}`}${d.right === undefined ? '' : ` wasm=${d.right}`}`),
  ];
  return new Error(lines.join('\n'));
}
