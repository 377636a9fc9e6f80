// Where the raw ABI row's time goes, on the bench's streams, whole and in 64-byte chunks (medians of
// passes over all streams):
//   row      the raw ABI row as bench/run.mjs runs it (WasmHost.callRecord per push: timing, record
//            read, UTF-8 decode and JSON.parse of the events);
//   exports  the same exports called directly, the records' bytes left undecoded (WASM compute plus
//            copying each chunk in);
//   +parse   exports plus TextDecoder + JSON.parse of every record, without the host's bookkeeping.
// row - +parse is the host's per-call cost; +parse - exports is what JS spends turning the canonical
// events into values. The floor line compares JSON.parse alone of the event records WASM returns
// (fed whole) with eventsource-parser + JSON.parse of the data lines, the bench's JS reference.
//
// Usage (after the build): node --expose-gc bench/split.mjs [--rounds 9]
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import { WasmHost } from '@llms-wasm/module-kit';
import { benchStreams, pieces } from './lib/streams.mjs';

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 9;
const streams = await benchStreams();
const host = await WasmHost.load({ name: 'streaming', wasm: fileURLToPath(new URL('../dist/streaming.wasm', import.meta.url)) });
const ex = host.exports;
const opts = new TextEncoder().encode('{"protocol":"responses"}');
const decoder = new TextDecoder('utf-8', { fatal: true });

const open = () => {
  const r = host.callRaw('decode_open', opts);
  if (!r.ok) throw new Error(r.message);
  return r.value.session;
};

/** The bench's raw ABI row. */
function row(inputs) {
  for (const chunks of inputs) {
    const s = open();
    for (const c of chunks) host.callRecord('decode_push', 'decode_push', [s, host.writeInput(c), c.length], true);
    host.callRecord('decode_finish', 'decode_finish', [s], true);
  }
}

/** The exports directly; `parse`: decode and JSON.parse each record (skipping `[]`); `keep`: collect the record texts. */
function direct(inputs, parse, keep) {
  let view = new Uint8Array(ex.memory.buffer);
  const record = (rec) => {
    if (view.length === 0) view = new Uint8Array(ex.memory.buffer);
    const len = (view[rec + 4] | (view[rec + 5] << 8) | (view[rec + 6] << 16) | (view[rec + 7] << 24)) >>> 0;
    if (!parse || len === 2) return;
    const text = decoder.decode(view.subarray(rec + 8, rec + 8 + len));
    JSON.parse(text);
    keep?.push(text);
  };
  for (const chunks of inputs) {
    const s = open();
    for (const c of chunks) record(ex.decode_push(s, host.writeInput(c), c.length));
    record(ex.decode_finish(s));
  }
}

function espParse(texts) {
  for (const text of texts) {
    const p = createParser({ onEvent: (e) => e.data !== '[DONE]' && JSON.parse(e.data) });
    p.feed(text);
  }
}

const median = (f) => {
  f();
  const xs = [];
  for (let r = 0; r < rounds; r++) {
    globalThis.gc?.();
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return xs.sort((a, b) => a - b)[xs.length >> 1];
};

const ms = (x) => `${x.toFixed(1)} ms`;
const records = [];
direct(streams.map((s) => [s.bytes]), true, records);
for (const [name, inputs] of [
  ['whole', streams.map((s) => [s.bytes])],
  ['64-byte chunks', streams.map((s) => pieces(s.bytes, 64))],
]) {
  const pushes = inputs.reduce((a, c) => a + c.length, 0);
  const r = median(() => row(inputs));
  const e = median(() => direct(inputs, false));
  const p = median(() => direct(inputs, true));
  console.log(`${name} (${pushes} pushes): row ${ms(r)} = exports ${ms(e)} + JS decode/JSON.parse of the events ${ms(p - e)} + host per-call cost ${ms(r - p)}`);
}
const bytes = records.reduce((a, t) => a + t.length, 0);
const parseOnly = median(() => records.forEach((t) => JSON.parse(t)));
const esp = median(() => espParse(streams.map((s) => s.text)));
console.log(`floor (whole): JSON.parse alone of the ${(bytes / 1e6).toFixed(2)} MB of event records ${ms(parseOnly)}; eventsource-parser + JSON.parse of the data lines ${ms(esp)}`);
