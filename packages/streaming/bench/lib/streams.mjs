// The benchmark's inputs: the captured Responses streams of ../shared/corpus/streaming.jsonl that both
// llms versions decode (0.6 cannot decode streams with a message item on Linux; 0.4.2 cannot decode the
// synthetic required_action one), as text and as UTF-8 bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '@llms-wasm/module-kit/corpus';
import { llmsDecoders } from './implementations.mjs';

export async function benchStreams() {
  const lines = readFileSync(join(corpusDir(), 'streaming.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const candidates = lines.filter((c) => c.protocol === 'openai-responses' && typeof c.input.sse === 'string').map((c) => ({ id: c.id, text: c.input.sse }));
  const { v06, v042 } = await llmsDecoders();
  const both = [];
  for (const s of candidates) {
    const ok06 = await v06.decodeWhole(s.text).then(() => true, () => false);
    const ok042 = await v042.decodeWhole(s.text).then(() => true, () => false);
    if (ok06 && ok042) both.push({ ...s, bytes: new TextEncoder().encode(s.text) });
  }
  return both;
}

/** 64-unit pieces of a string or byte array. */
export function pieces(whole, n) {
  const out = [];
  for (let i = 0; i < whole.length; i += n) out.push(typeof whole === 'string' ? whole.slice(i, i + n) : whole.subarray(i, i + n));
  return out;
}
