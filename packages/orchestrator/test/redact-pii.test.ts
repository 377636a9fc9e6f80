import { describe, expect, test } from 'vitest';
import { isOrchestratorError } from '../src/errors.js';
import { createRedactor } from '../src/redact/redactor.js';
import { normalizeStack, stackHash } from '../src/redact/stack-hash.js';

const KEY = 'pii-test-key-0123456789';
const OTHER_KEY = 'another-key-9876543210';

describe('emails', () => {
  test('masked with the structure kept: u_<hash>@d_<hash>.tld', () => {
    const out = createRedactor({ key: KEY }).redact('write to Ann.Lee+x@mail.example.co.uk today') as string;
    expect(out).toMatch(/^write to u_[0-9a-f]{12}@d_[0-9a-f]{12}\.uk today$/);
    expect(out).not.toContain('Ann.Lee');
    expect(out).not.toContain('example');
  });

  test('same email and key -> same mask (case-insensitive); other key -> other mask', () => {
    const a = createRedactor({ key: KEY });
    const b = createRedactor({ key: KEY });
    const c = createRedactor({ key: OTHER_KEY });
    expect(a.redact('ann@example.com')).toBe(b.redact('ANN@Example.com'));
    expect(a.redact('ann@example.com')).not.toBe(c.redact('ann@example.com'));
    expect(a.redact('ann@example.com')).not.toBe(a.redact('bob@example.com'));
  });

  test('a mask is left alone when redacted again', () => {
    const r = createRedactor({ key: KEY });
    const once = r.redact('ann@example.com');
    expect(r.redact(once)).toBe(once);
  });
});

describe('phone numbers', () => {
  const r = createRedactor({ key: KEY });
  test.each(['+1 (555) 123-4567', '+49 30 1234 5678', '(555) 123-4567', '555-123-4567', '555.123.4567', '13812345678', '+861381234567'])('%s keeps length and separators', (phone) => {
    const out = r.redact(`call ${phone} now`) as string;
    const masked = out.slice(5, -4);
    expect(masked).not.toBe(phone);
    expect(masked.length).toBe(phone.length);
    expect(masked.replace(/\d/g, '0')).toBe(phone.replace(/\d/g, '0'));
  });

  test('the same digits in another layout get the same digits', () => {
    const digits = (s: unknown): string => String(s).replace(/\D/g, '');
    expect(digits(r.redact('555-123-4567'))).toBe(digits(r.redact('(555) 123-4567')));
  });

  test.each(['2024-01-15', '1.2.3.4', 'v10.20.30', '12345', '1234567890123', 'order 555-1234', '3.1415926535'])('%s is not a phone number', (value) => {
    expect(r.redact(value)).toBe(value);
  });
});

describe('configured JSON paths', () => {
  const r = createRedactor({ key: KEY, piiPaths: ['/messages/*/name', '/**/ssn', '/user'] });

  test('values at matching paths get a mask of the same length and character classes', () => {
    const out = r.redact({ messages: [{ role: 'user', name: 'Ann Lee-42' }, { role: 'tool', name: 'x' }], other: { name: 'kept' } }) as {
      messages: { role: string; name: string }[];
      other: { name: string };
    };
    const [first, second] = out.messages;
    expect(first?.role).toBe('user');
    expect(first?.name).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2}-\d{2}$/);
    expect(first?.name).not.toBe('Ann Lee-42');
    expect(second?.name).toMatch(/^[a-z]$/);
    expect(out.other.name).toBe('kept');
  });

  test('`**` matches at any depth; numbers keep their digit count; a matched object is masked throughout', () => {
    const out = r.redact({ a: { b: [{ ssn: 123456789 }] }, ssn: '123-45-6789', user: { first: 'Ann', age: 42, admin: true } }) as {
      a: { b: { ssn: number }[] };
      ssn: string;
      user: { first: string; age: number; admin: boolean };
    };
    expect(String(out.a.b[0]?.ssn)).toMatch(/^[1-9]\d{8}$/);
    expect(out.a.b[0]?.ssn).not.toBe(123456789);
    expect(out.ssn).toMatch(/^\d{3}-\d{2}-\d{4}$/);
    expect(out.user.first).toMatch(/^[A-Z][a-z]{2}$/);
    expect(String(out.user.age)).toMatch(/^[1-9]\d$/);
    expect(out.user.admin).toBe(true);
  });

  test('a fragment can be redacted as the value at a path (diff previews)', () => {
    expect(r.redact('"Ann"', '/messages/3/name')).toMatch(/^"[A-Z][a-z]{2}"$/);
    expect(r.redact('"Ann"', '/messages/3/role')).toBe('"Ann"');
  });

  test('deterministic per key', () => {
    const again = createRedactor({ key: KEY, piiPaths: ['/user'] });
    const other = createRedactor({ key: OTHER_KEY, piiPaths: ['/user'] });
    expect(again.redact({ user: 'Ann Lee' })).toEqual(r.redact({ user: 'Ann Lee' }));
    expect(other.redact({ user: 'Ann Lee' })).not.toEqual(r.redact({ user: 'Ann Lee' }));
  });
});

describe('stacks', () => {
  const js = (root: string, line: number): string =>
    `TypeError: Cannot read properties of undefined (reading 'x')\n    at parse (${root}/src/tools/parse.ts:${line}:13)\n    at async run (${root}/node_modules/vitest/dist/index.js:99:7)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;

  test('stack fields and stack-shaped strings become stack:<16 hex>', () => {
    const r = createRedactor({ key: KEY });
    const out = r.redact({ stack: 'anything at all', message: js('/srv/app', 10), note: 'not a stack' }) as Record<string, string>;
    expect(out['stack']).toMatch(/^stack:[0-9a-f]{16}$/);
    expect(out['message']).toMatch(/^stack:[0-9a-f]{16}$/);
    expect(out['note']).toBe('not a stack');
    expect(r.counters().stacksHashed).toBe(2);
  });

  test('the same bug clusters across machines, lines and request data', () => {
    expect(stackHash(js('/home/alice/proj', 10))).toBe(stackHash(js('C:\\build\\proj', 57)));
    expect(stackHash(js('/srv/app', 10))).not.toBe(stackHash(js('/srv/app', 10).replace('parse (', 'format (')));
    expect(normalizeStack(js('/home/alice/proj', 10))).not.toContain('alice');
  });

  test('rust backtraces are recognized and normalized', () => {
    const rust = (addr: string, user: string): string =>
      `thread 'main' panicked at src/main.rs:4:5:\nboom\nstack backtrace:\n   0: ${addr} - std::panicking::begin_panic\n             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:595:5\n   1: app::main\n             at /home/${user}/app/src/main.rs:4:5`;
    const r = createRedactor({ key: KEY });
    expect(r.redact(rust('0x55d5c0a1b2c3', 'ann'))).toMatch(/^stack:/);
    expect(stackHash(rust('0x55d5c0a1b2c3', 'ann'))).toBe(stackHash(rust('0x7f0000001234', 'bob')));
  });

  test('secrets in a stack never reach the hash input', () => {
    expect(normalizeStack(`Error: bad key sk-${'a1B2'.repeat(8)}\n    at f (/x/src/a.js:1:1)\n    at g (/x/src/b.js:2:2)`)).not.toContain('a1B2');
  });
});

describe('limits and odd values', () => {
  test('a very deep value is cut at maxDepth, without a stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const r = createRedactor({ key: KEY, maxDepth: 50 });
    let out = r.redact(deep);
    for (let i = 0; i < 50; i += 1) out = (out as unknown[])[0];
    expect(out).toBe('[truncated]');
    expect(r.counters().truncated).toBe(1);
  });

  test('a huge value is cut at maxNodes; long strings at maxStringLength', () => {
    const r = createRedactor({ key: KEY, maxNodes: 100, maxStringLength: 10 });
    const out = r.redact({ list: Array.from({ length: 500 }, (_, i) => i), s: 'x'.repeat(50) }) as { list: unknown[]; s: string };
    expect(out.list.filter((v) => v === '[truncated]').length).toBeGreaterThan(390);
    expect(r.counters().truncated).toBeGreaterThan(390);
  });

  test('never mutates its input; cycles, binary, errors and non-JSON values are made safe', () => {
    const input: Record<string, unknown> = { a: { authorization: 'x' }, list: [1, undefined, () => 1], when: new Date(0), n: 10n };
    input['self'] = input;
    input['bytes'] = Buffer.from('secret bytes');
    input['error'] = new Error('boom ann@example.com');
    Object.defineProperty(input, '__proto__', { value: { polluted: true }, enumerable: true });
    const snapshot = { a: { ...(input['a'] as object) } };
    const out = createRedactor({ key: KEY }).redact(input) as Record<string, unknown>;
    expect(input['a']).toEqual(snapshot.a);
    expect(out['self']).toBe('[cycle]');
    expect(out['bytes']).toBe('[binary]');
    expect(out['list']).toEqual([1, null, null]);
    expect(out['when']).toBe('1970-01-01T00:00:00.000Z');
    expect(out['n']).toBe('10');
    expect((out['error'] as Record<string, unknown>)['message']).toMatch(/^boom u_/);
    expect((out['error'] as Record<string, unknown>)['stack']).toMatch(/^stack:/);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('configuration', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (error) {
      return isOrchestratorError(error) ? `${error.code} ${String(error.detail.field)}` : 'foreign';
    }
    return undefined;
  };
  test('a missing or short key is CONFIG_INVALID, never a silent default', () => {
    expect(code(() => createRedactor({} as never))).toBe('CONFIG_INVALID redaction.key');
    expect(code(() => createRedactor({ key: 'short' }))).toBe('CONFIG_INVALID redaction.key');
    expect(code(() => createRedactor({ key: new Uint8Array(8) }))).toBe('CONFIG_INVALID redaction.key');
    expect(code(() => createRedactor({ key: new Uint8Array(32) }))).toBeUndefined();
  });
  test('malformed options name their field', () => {
    expect(code(() => createRedactor({ key: KEY, piiPaths: ['messages/name'] }))).toBe('CONFIG_INVALID redaction.piiPaths[0]');
    expect(code(() => createRedactor({ key: KEY, maxDepth: 0 }))).toBe('CONFIG_INVALID redaction.maxDepth');
  });
});
