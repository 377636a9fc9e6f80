// dist/tools.wasm on the ABI's error paths, called directly: bad JSON, wrong shapes (BAD_INPUT naming
// the field), invalid UTF-8, oversized input. None of them may trap.
import { readFileSync } from 'node:fs';
import { WasmHost } from '@llms-wasm/module-kit';
import { beforeAll, describe, expect, it } from 'vitest';

const binary = new Uint8Array(readFileSync(new URL('../dist/tools.wasm', import.meta.url)));
let host: WasmHost;

beforeAll(async () => {
  host = await WasmHost.load({ name: 'tools', wasm: binary });
});

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('tools.wasm error records', () => {
  it.each([
    ['repairArguments', '{"arguments": '],
    ['validateToolCall', '{"name":"a",}'],
    ['canonicalizeToolCalls', '[1,2'],
  ])('%s with text that is not JSON is BAD_JSON', (op, raw) => {
    expect(host.callRaw(op, utf8(raw))).toMatchObject({ ok: false, code: 'BAD_JSON' });
  });

  it.each([
    ['repairArguments', [1], '/'],
    ['repairArguments', { arguments: 1, x: 2 }, '/x'],
    ['parseToolArgs', { text: 5 }, '/text'],
    ['validateToolCall', { name: 'shell' }, '/arguments'],
    ['normalizeCallId', { kind: 'x' }, '/kind'],
    ['packShellArgs', { args: [] }, '/args'],
    ['harvestTextToolCalls', { message: null }, '/message'],
    ['canonicalizeChatResponse', {}, '/payload'],
    ['finalizeChatResponse', { payload: 1, p: 2 }, '/p'],
    ['canonicalizeToolCalls', { calls: [{ format: 'chat' }] }, '/calls/0/call'],
    ['canonicalizeToolCalls', { calls: [{ format: 'x' }] }, '/calls/0/format'],
    ['canonicalizeToolCalls', { calls: [{ format: 'text', field: 'content', text: 1 }] }, '/calls/0/text'],
    ['canonicalizeToolCalls', { calls: [{ format: 'responses_sse', itemAdded: { type: 'function_call' }, argumentDeltas: ['a', 2] }] }, '/calls/0/argumentDeltas/1'],
    ['canonicalizeToolCalls', { calls: [{ format: 'responses_sse', itemAdded: { type: 'function_call', id: 3 }, argumentDeltas: [] }] }, '/calls/0/itemAdded/id'],
    ['canonicalizeToolCalls', { calls: [], toolDefinitions: {} }, '/toolDefinitions'],
  ])('%s refuses %j naming %s', (op, input, path) => {
    expect(host.callJson(op, input)).toMatchObject({ ok: false, code: 'BAD_INPUT', path });
  });

  it('names the string that holds invalid UTF-8', () => {
    const bad = new Uint8Array([...utf8('{"message":{"role":"assistant","content":"ok \\"'), 0xed, 0xa0, 0x80, ...utf8('"}}')]);
    expect(host.callRaw('harvestTextToolCalls', bad)).toMatchObject({ ok: false, code: 'BAD_INPUT', path: '/message/content' });
    const inArray = new Uint8Array([...utf8('{"args":{"command":["ls","'), 0x80, ...utf8('"]}}')]);
    expect(host.callRaw('packShellArgs', inArray)).toMatchObject({ ok: false, code: 'BAD_INPUT', path: '/args/command/1' });
  });

  it('refuses oversized input before it reaches the module', async () => {
    const small = await WasmHost.load({ name: 'tools', wasm: binary, maxInputBytes: 1024 });
    expect(small.callJson('repairArguments', { arguments: 'x'.repeat(2000) })).toMatchObject({ ok: false, code: 'INPUT_TOO_LARGE' });
    expect(small.stats().traps).toBe(0);
  });

  it('never trapped on any of the above', () => {
    expect(host.stats().traps).toBe(0);
  });
});
