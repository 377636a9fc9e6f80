#!/usr/bin/env node
// Replays ../shared/corpus/tokenizer.jsonl through both runtimes of the BUILT package and prints, per
// case kind and call, how often TS (llms) and WASM agree and how fast each was (same run, same inputs).
// Exit code 1 when any call disagrees.
import { compareOutcomes, runOutcome } from '@llms-wasm/module-kit';
import { readCorpus, tagValue } from '@llms-wasm/module-kit/corpus';
import { tokenizer } from '../dist/index.js';

const cases = readCorpus('tokenizer');
const started = performance.now();
await Promise.all([tokenizer.init('ts'), tokenizer.init('wasm')]);
const init = { ts: tokenizer.status('ts').initMs ?? 0, wasm: tokenizer.status('wasm').initMs ?? 0 };

const rows = new Map();
const failures = [];
let skipped = 0;
for (const c of cases) {
  const calls = tokenizer.corpus(c);
  if (calls.length === 0) skipped += 1;
  for (const call of calls) {
    const key = `${tagValue(c, 'kind') ?? '?'} · ${call.label}`;
    const row = rows.get(key) ?? { calls: 0, agree: 0, tsErrors: 0, wasmErrors: 0, tsMs: 0, wasmMs: 0 };
    const ts = await runOutcome(tokenizer, 'ts', call.operation, call.input);
    const wasm = await runOutcome(tokenizer, 'wasm', call.operation, call.input);
    const cmp = compareOutcomes(tokenizer, call.operation, ts, wasm);
    row.calls += 1;
    if (cmp.equal) row.agree += 1;
    else failures.push(`${c.id} ${call.label}: ${cmp.reason}: ${cmp.detail}`);
    if (!ts.ok) row.tsErrors += 1;
    if (!wasm.ok) row.wasmErrors += 1;
    row.tsMs += ts.ms;
    row.wasmMs += wasm.ms;
    rows.set(key, row);
  }
}

const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
const header = ['case kind · call', 'calls', 'agree', 'disagree', 'ts err', 'wasm err', 'ts ms', 'wasm ms', 'ts/wasm'];
const widths = [44, 6, 6, 9, 7, 9, 9, 9, 8];
const line = (cells) => cells.map((c, i) => pad(c, widths[i], i > 0)).join(' ');
console.log(`tokenizer replay: ${cases.length} cases from the corpus (${skipped} without calls), init ts ${init.ts.toFixed(1)} ms, wasm ${init.wasm.toFixed(1)} ms\n`);
console.log(line(header));
const total = { calls: 0, agree: 0, tsErrors: 0, wasmErrors: 0, tsMs: 0, wasmMs: 0 };
for (const [key, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(line([key, r.calls, r.agree, r.calls - r.agree, r.tsErrors, r.wasmErrors, r.tsMs.toFixed(1), r.wasmMs.toFixed(1), (r.tsMs / r.wasmMs).toFixed(2) + 'x']));
}
console.log(line(['total', total.calls, total.agree, total.calls - total.agree, total.tsErrors, total.wasmErrors, total.tsMs.toFixed(1), total.wasmMs.toFixed(1), (total.tsMs / total.wasmMs).toFixed(2) + 'x']));
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s; times are per-call wall time including validation, measured in this run)`);
if (failures.length) {
  console.log(`\n${failures.length} disagreement(s):\n  ${failures.slice(0, 20).join('\n  ')}`);
  process.exit(1);
}
