// `segment`, TS (llms's sanitizer + dispatcher) vs WASM, through the module's public API (contract
// validation included on both sides), on assistant texts of 1 KB … 400 KB built from the corpus's
// completions (with and without think blocks) and on Responses `output` arrays of the same sizes.
// Interleaved rounds; each cell is the median of its rounds' per-call times.
import { readCorpus } from '@llms-wasm/module-kit/corpus';

const SIZES = [1024, 4 * 1024, 16 * 1024, 64 * 1024, 400 * 1024];

function corpusText() {
  const texts = readCorpus('tokenizer')
    .map((c) => c.input)
    .filter((i) => i.kind === 'completion_text' || i.kind === 'text')
    .map((i) => String(i.content ?? i.text ?? ''))
    .filter((t) => t.length > 0);
  return texts.join('\n\n');
}

function inputsOf(size, source) {
  let text = '';
  while (text.length < size) text += source;
  text = text.slice(0, size);
  const thinking = `<think>${text.slice(0, size >> 3)}</think>${text.slice(size >> 3)}`;
  const parts = [];
  for (let i = 0; i < text.length; i += 2048) parts.push({ type: 'output_text', text: text.slice(i, i + 2048) });
  const output = [
    { type: 'reasoning', content: [{ type: 'reasoning_text', text: text.slice(0, size >> 2) }] },
    { type: 'message', role: 'assistant', content: parts },
  ];
  return [
    { name: 'text', input: { text } },
    { name: 'text + think', input: { text: thinking } },
    { name: 'output array', input: { output } },
  ];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function perCall(fn, minMs) {
  return (async () => {
    await fn();
    let n = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
      await fn();
      n++;
      elapsed = performance.now() - started;
    } while (elapsed < minMs);
    return elapsed / n;
  })();
}

/** Measures and prints the table; returns the figures. */
export async function benchSegment(tokenizer, { minMs = 200, rounds = 5 } = {}) {
  const source = corpusText();
  const cases = SIZES.flatMap((size) => inputsOf(size, source).map((c) => ({ ...c, size })));
  for (const c of cases) {
    const [ts, wasm] = await Promise.all([tokenizer.runtimes.ts.segment(c.input), tokenizer.runtimes.wasm.segment(c.input)]);
    if (JSON.stringify(ts) !== JSON.stringify(wasm)) throw new Error(`segment ${c.name} ${c.size}: the runtimes disagree`);
  }
  const samples = cases.map(() => ({ ts: [], wasm: [] }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of cases.entries()) {
      samples[i].ts.push(await perCall(() => tokenizer.runtimes.ts.segment(c.input), minMs));
      samples[i].wasm.push(await perCall(() => tokenizer.runtimes.wasm.segment(c.input), minMs));
    }
  }
  console.log(`\nsegment, TS (llms) vs WASM, per call through the module API (${rounds} interleaved rounds, medians); target: WASM no slower at >= 16 KB, within +0.05 ms below`);
  const col = (v, w = 14) => String(v).padStart(w);
  console.log(['input'.padEnd(14), col('size', 9), col('ts ms'), col('wasm ms'), col('wasm - ts ms'), col('wasm / ts')].join(''));
  const rows = [];
  for (const [i, c] of cases.entries()) {
    const ts = median(samples[i].ts);
    const wasm = median(samples[i].wasm);
    rows.push({ input: c.name, size: c.size, tsMs: ts, wasmMs: wasm, deltaMs: wasm - ts, ratio: wasm / ts });
    console.log([c.name.padEnd(14), col(`${c.size / 1024} KB`, 9), col(ts.toFixed(3)), col(wasm.toFixed(3)), col((wasm - ts).toFixed(3)), col(`${(wasm / ts).toFixed(2)}x`)].join(''));
  }
  const split = tokenizer.stats('wasm').operations['segment'];
  if (split) console.log(`wasm segment time: ${((split.marshalMs / split.totalMs) * 100).toFixed(0)}% marshalling, ${((split.validateMs / split.totalMs) * 100).toFixed(0)}% contract validation, the rest inside the module`);
  return rows;
}
