// The tokenizer's WASM module on the ABI's error paths: bad JSON, wrong types, oversized input,
// tables not loaded. None of them may trap; each comes back as an error record with a code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WasmHost } from '@llms-wasm/module-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizer } from '../src/index.js';

const wasm = fileURLToPath(new URL('../dist/tokenizer.wasm', import.meta.url));
let host: WasmHost;

/** Loads cl100k_base's rank table the way the adapter does (table id 2, see dist/ranks/manifest.json). */
function loadCl100k(h: WasmHost): void {
  const blob = new Uint8Array(readFileSync(fileURLToPath(new URL('../dist/ranks/cl100k_base.bin', import.meta.url))));
  const ptr = h.writeBytes(blob);
  const rc = (h.exports['bpeLoad'] as (t: number, p: number, l: number) => number)(2, ptr, blob.length);
  h.free(ptr);
  expect(rc).toBe(0);
}

beforeAll(async () => {
  host = await WasmHost.load({ name: 'tokenizer', wasm, onInstance: loadCl100k });
});

describe('tokenizer.wasm error records', () => {
  it.each([
    ['not JSON', '{"text": ', 'BAD_JSON'],
    ['trailing comma', '{"text":"a",}', 'BAD_JSON'],
    ['invalid UTF-8 in a string is not JSON the module trips on', '{"text":"\u00ff"}', undefined],
  ])('countTokens with %s', (_name, raw, code) => {
    const result = host.callRaw('countTokens', new TextEncoder().encode(raw));
    if (code) expect(result).toMatchObject({ ok: false, code });
    else expect(result.ok || result.code !== 'WASM_TRAP').toBe(true);
  });

  it.each([
    [{ text: 5 }, '/text'],
    [{ messages: 'hi' }, '/messages'],
    [{ messages: [5] }, '/messages/0'],
    [{ messages: [{ role: 7 }] }, '/messages/0/role'],
    [{ messages: [{ role: 'user', tool_calls: {} }] }, '/messages/0/tool_calls'],
    [{ messages: [], tools: 'x' }, '/tools'],
    [{ text: 'a', encoding: 'nope' }, '/encoding'],
    [{ text: 'a', model: 4 }, '/model'],
    [[1, 2], '/'],
  ])('countTokens refuses %j naming %s', (input, path) => {
    expect(host.callJson('countTokens', input)).toMatchObject({ ok: false, code: 'BAD_INPUT', path });
  });

  it.each([
    [{ text: 1 }, '/text'],
    [{ output: {} }, '/output'],
    [{ text: 'a', options: { reasoningMode: 'loud' } }, '/options/reasoningMode'],
    [{ text: 'a', options: 'x' }, '/options'],
    [{}, '/'],
  ])('segment refuses %j naming %s', (input, path) => {
    expect(host.callJson('segment', input)).toMatchObject({ ok: false, code: 'BAD_INPUT', path });
  });

  it('reports a rank table that was never loaded instead of trapping', async () => {
    const bare = await WasmHost.load({ name: 'tokenizer', wasm });
    expect(bare.callJson('countTokens', { text: 'hello' })).toMatchObject({ ok: false, code: 'ENCODING_NOT_READY' });
    expect(bare.callJson('countTokens', { text: 'hello', model: 'gpt-4o' })).toMatchObject({ ok: false, code: 'ENCODING_NOT_READY' });
    expect(host.callJson('countTokens', { text: 'hello' })).toEqual({ ok: true, value: { tokens: 1, encoding: 'cl100k_base' } });
  });

  it('refuses oversized input before it reaches the module', async () => {
    const small = await WasmHost.load({ name: 'tokenizer', wasm, maxInputBytes: 1024 });
    expect(small.callJson('countTokens', { text: 'x'.repeat(2000) })).toMatchObject({ ok: false, code: 'INPUT_TOO_LARGE' });
    expect(small.stats().traps).toBe(0);
  });

  it('never trapped on any of the above', () => {
    expect(host.stats().traps).toBe(0);
  });
});

describe('tokenizer contract at the module boundary', () => {
  it.each([
    [{ text: 5 }, '/text'],
    [{ text: 'a', encoding: 'p60k' }, '/encoding'],
    [{ messages: [{ role: 1 }] }, '/messages/0/role'],
    [{ text: 'a', messages: [] }, ''],
    [{ text: 'a', n: Number.NaN }, '/n'],
  ])('rejects %j on both runtimes with INPUT_INVALID', async (input, path) => {
    for (const kind of ['ts', 'wasm'] as const) {
      const error = await tokenizer.call(kind, 'countTokens', input).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INPUT_INVALID' });
      if (path) expect((error as { detail: { path: string } }).detail.path).toContain(path);
    }
  });
});
