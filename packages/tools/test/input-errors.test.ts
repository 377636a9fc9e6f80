// Bad input on both runtimes: wrong types, unknown members, oversized strings, non-JSON values and
// invalid UTF-8 on the bytes path are typed errors naming the field, never a crash or a silent default.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT, tools } from '../src/index.js';
import { RUNTIMES } from './helpers.js';

beforeAll(async () => {
  await Promise.all([tools.init('ts'), tools.init('wasm')]);
});

const refusals: [string, unknown, string][] = [
  ['validateToolCall', { name: 5, arguments: '{}' }, '/name'],
  ['validateToolCall', { name: 'shell', arguments: { command: 'ls' } }, '/arguments'],
  ['validateToolCall', { name: 'shell', arguments: '{}', extra: true }, '/extra'],
  ['parseToolArgs', { text: null }, '/text'],
  ['normalizeCallId', { callId: 'x', kind: 'input' }, '/kind'],
  ['packShellArgs', { args: 'ls -la' }, '/args'],
  ['harvestTextToolCalls', { message: 'text' }, '/message'],
  ['canonicalizeChatResponse', { payload: { a: 1 }, more: 1 }, '/more'],
  ['canonicalizeToolCalls', { calls: 'x' }, '/calls'],
  ['canonicalizeToolCalls', { calls: [{ format: 'text', field: 'body', text: 'x' }] }, '/calls/0'],
  ['canonicalizeToolCalls', { calls: [{ format: 'responses_sse', itemAdded: { type: 'message' }, argumentDeltas: [] }] }, '/calls/0'],
  ['canonicalizeToolCalls', { calls: [{ format: 'chat', call: { function: 'shell' } }] }, '/calls/0'],
  ['repairArguments', { arguments: Number.NaN }, '/arguments'],
  ['parseLenient', { value: { a: Number.POSITIVE_INFINITY } }, '/value/a'],
];

describe('bad input is refused with INPUT_INVALID naming the field, on both runtimes', () => {
  for (const [operation, input, path] of refusals) {
    it(`${operation} ${JSON.stringify(input, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`, async () => {
      for (const kind of RUNTIMES) {
        const error = await tools.call(kind, operation, input).catch((e: unknown) => e);
        expect(error, kind).toMatchObject({ code: 'INPUT_INVALID' });
        expect((error as { detail: { path: string } }).detail.path, kind).toContain(path);
      }
    });
  }

  it(`strings longer than ${MAX_TEXT} code points are refused`, async () => {
    const huge = 'x'.repeat(MAX_TEXT + 1);
    for (const kind of RUNTIMES) {
      await expect(tools.call(kind, 'validateToolCall', { name: 'shell', arguments: huge })).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/arguments' } });
      await expect(tools.call(kind, 'canonicalizeToolCalls', { calls: [{ format: 'text', field: 'content', text: huge }] })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    }
  });
});

describe('the bytes path', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  /** `{"name":"shell","arguments":"<invalid byte>"}` */
  const invalid = new Uint8Array([...utf8('{"name":"shell","arguments":"a'), 0xff, 0xfe, ...utf8('b"}')]);

  it('gives the same output bytes on both runtimes', async () => {
    const input = utf8(JSON.stringify({ name: 'shell', arguments: '{"command":"ls | wc -l"}' }));
    const ts = new TextDecoder().decode(await tools.callBytes('ts', 'validateToolCall', input));
    const wasm = new TextDecoder().decode(await tools.callBytes('wasm', 'validateToolCall', input));
    expect(JSON.parse(wasm)).toEqual(JSON.parse(ts));
    expect(JSON.parse(ts)).toEqual({ ok: true, normalizedArgs: '{"command":["bash","-lc","ls | wc -l"]}' });
  });

  it('refuses invalid UTF-8 with INPUT_INVALID on both runtimes; the WASM side names the field', async () => {
    for (const kind of RUNTIMES) await expect(tools.callBytes(kind, 'validateToolCall', invalid)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    // module-kit's TS bytes path decodes before anything else and reports the root ('/'); the WASM
    // reader finds the string the bad sequence is in.
    await expect(tools.callBytes('wasm', 'validateToolCall', invalid)).rejects.toMatchObject({ detail: { path: '/arguments' } });
    const nested = new Uint8Array([...utf8('{"calls":[{"format":"chat","call":{"function":{"name":"x","arguments":"'), 0xc3, 0x28, ...utf8('"}}}]}')]);
    await expect(tools.callBytes('wasm', 'canonicalizeToolCalls', nested)).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/calls/0/call/function/arguments' } });
  });

  it('refuses bytes that are not JSON and JSON of the wrong shape', async () => {
    for (const kind of RUNTIMES) {
      await expect(tools.callBytes(kind, 'repairArguments', utf8('{"arguments": '))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    }
    await expect(tools.callBytes('wasm', 'validateToolCall', utf8('{"name":1,"arguments":"{}"}'))).rejects.toMatchObject({ code: 'INPUT_INVALID', detail: { path: '/name' } });
  });
});
