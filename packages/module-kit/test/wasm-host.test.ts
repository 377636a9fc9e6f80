import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModuleKitError, WasmHost, defineErrors, wasmFailure } from '../src/index.js';
import { compileFixture } from './fixtures/compile.js';

let wasmPath = '';
beforeAll(async () => {
  wasmPath = await compileFixture('abi-fixture');
}, 60_000);

describe('WasmHost', () => {
  it('round-trips JSON through linear memory and records timings and memory', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath });
    const value = { text: 'héllo \u{1F600}', n: [1, 2.5, null, true] };
    expect(host.callJson('echo', value)).toEqual({ ok: true, value });
    const stats = host.stats();
    expect(stats.initMs).toBeGreaterThan(0);
    expect(stats.memoryPages).toBeGreaterThan(0);
    expect(stats.calls['echo']?.count).toBe(1);
  });

  it('decodes an error record into code, message and path', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath });
    const result = host.callJson('fail', {});
    expect(result).toEqual({ ok: false, code: 'NOPE', message: 'refused', path: '/x' });
    if (result.ok) throw new Error('unreachable');
    const typed = wasmFailure(result, { module: 'fixture', operation: 'fail', errors: defineErrors('fixture', { NOPE: 'refused' }), input: 'object' });
    expect(typed.code).toBe('OPERATION_FAILED');
    expect(typed.detail.code).toBe('NOPE');
    expect(wasmFailure(result, { module: 'fixture', operation: 'fail', errors: defineErrors('fixture', {}), input: 'object' }).code).toBe('WASM_ABI');
  });

  it('turns a trap and an abort into WASM_TRAP and replaces the instance', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath });
    expect(host.callJson('count', {})).toEqual({ ok: true, value: 1 });
    expect(host.callJson('count', {})).toEqual({ ok: true, value: 2 });
    const trap = host.callJson('boom', {});
    expect(trap).toMatchObject({ ok: false, code: 'WASM_TRAP' });
    // fresh instance: module state starts over
    expect(host.callJson('count', {})).toEqual({ ok: true, value: 1 });
    const abort = host.callJson('bail', {});
    expect(abort).toMatchObject({ ok: false, code: 'WASM_TRAP' });
    expect(!abort.ok && abort.message).toContain('bailing out');
    expect(host.stats().traps).toBe(2);
    expect(host.stats().calls['boom']?.errors).toBe(1);
  });

  it('reads each record from the memory as the call left it (grown, or a new instance after a trap)', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath });
    expect(host.callRecord('nothing', 'nothing', [], true)).toEqual({ ok: true, value: [] });
    expect(host.callRecord('nothing', 'nothing', [], false)).toEqual({ ok: true, bytes: new Uint8Array([0x5b, 0x5d]) });
    const pages = host.stats().memoryPages;
    expect(host.callRecord('growAndReport', 'grow', [3], true)).toEqual({ ok: true, value: [pages + 3] });
    expect(host.stats().highWaterPages).toBe(pages + 3);
    expect(host.callRecord('growAndReport', 'grow', [1], true)).toEqual({ ok: true, value: [pages + 4] });
    expect(host.callJson('boom', {})).toMatchObject({ ok: false, code: 'WASM_TRAP' });
    // The new instance starts with its initial memory: the record is read from it, not from the old one.
    expect(host.callRecord('growAndReport', 'grow', [1], true)).toEqual({ ok: true, value: [pages + 1] });
    expect(host.stats()).toMatchObject({ memoryPages: pages + 1, highWaterPages: pages + 4 });
    expect(host.stats().calls['nothing']?.count).toBe(2);
    expect(host.stats().calls['grow']?.count).toBe(3);
  });

  it('refuses oversized input before it reaches the module', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath, maxInputBytes: 16 });
    expect(host.callJson('echo', 'x'.repeat(100))).toMatchObject({ ok: false, code: 'INPUT_TOO_LARGE' });
  });

  it('reports ABI violations as typed WASM_ABI errors', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath });
    expect(() => host.callJson('missing', {})).toThrowError(expect.objectContaining({ code: 'WASM_ABI' }) as Error);
    expect(() => host.callJson('wild', {})).toThrowError(/outside memory/);
    expect(() => host.callJson('garbage', {})).toThrowError(/not UTF-8 JSON/);
  });

  it('fails to load loudly, saying why', async () => {
    await expect(WasmHost.load({ name: 'x', wasm: '/nonexistent/x.wasm' })).rejects.toMatchObject({ code: 'RUNTIME_INIT_FAILED', message: expect.stringContaining('cannot read') as string });
    await expect(WasmHost.load({ name: 'x', wasm: new Uint8Array([0, 97, 115, 109, 9, 9]) })).rejects.toMatchObject({ code: 'RUNTIME_INIT_FAILED', message: expect.stringContaining('does not compile') as string });
    const bytes = new Uint8Array(readFileSync(wasmPath));
    await expect(WasmHost.load({ name: 'x', wasm: bytes, abiVersion: 3 })).rejects.toMatchObject({ code: 'RUNTIME_INIT_FAILED', message: expect.stringContaining('ABI version 2') as string });
    await expect(WasmHost.load({ name: 'x', wasm: bytes, onInstance: () => { throw new Error('tables missing'); } })).rejects.toBeInstanceOf(ModuleKitError);
  });

  it('writes UTF-8 into a reused scratch buffer, replacing lone surrogates like TextEncoder', async () => {
    const host = await WasmHost.load({ name: 'fixture', wasm: wasmPath });
    const text = 'a\uD800b\u{1F600}';
    const { ptr, len } = host.writeScratchUtf8(text);
    expect([...host.bytes().subarray(ptr, ptr + len)]).toEqual([...new TextEncoder().encode(text)]);
    expect(host.writeScratchUtf8('zz').ptr).toBe(ptr);
  });
});
