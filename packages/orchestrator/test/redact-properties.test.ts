import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { DiffRecord } from '../src/records/diff-record.js';
import { redactDiffRecord } from '../src/redact/redact-record.js';
import { createRedactor } from '../src/redact/redactor.js';
import { openDiffStore } from '../src/store/diff-store.js';
import { checkPlanted, chars, fragments, pii, scenario, scenarioSummary, seed, type Scenario } from './helpers/planted-secrets.js';
import { baseRecord } from './helpers/store-fixtures.js';
import { manualClock } from './helpers/manual-clock.js';

// Secrets planted anywhere in a record never survive redaction — in random payloads, in diff paths and
// previews (a credential at any path segment, header pairs), in shadow error messages and codes, and in
// identifiers (request id, tenant, route, operation) and version fields — in memory, and in the bytes of a SQLite store
// (.db, -wal, -shm) after flush and close. Emails and phones are replaced by their masks.

const KEY = 'property-test-key-0123456789';
const PII_PATHS = ['/messages/*/name'];

const maskOf = (value: string): string => createRedactor({ key: KEY }).redact(value) as string;

function record(i: number, sc: Scenario, routeSecret: string): DiffRecord {
  return baseRecord(i, {
    requestId: sc.ids.requestId?.text ?? `req-${i}`,
    tenant: sc.ids.tenant?.text ?? 'acme',
    route: sc.ids.route?.text ?? `/v1/chat?api_key=${routeSecret}`,
    operation: sc.ids.operation?.text ?? 'parse',
    module_version: `0.1.0?api_key=${routeSecret}`,
    wasm_digest: `Bearer ${routeSecret}`,
    llms_version: `@jsonstudio/llms@0.6.3689 password=${routeSecret}`,
    diff_summary: scenarioSummary(sc),
    shadow_error: { code: sc.ids.code?.text ?? 'WASM_TRAP', message: `${sc.error.text}; trap while holding Bearer ${routeSecret}` },
    payload_refs: { input: sc.payload, main: sc.main, shadow: sc.shadow },
  });
}

describe('redaction properties', () => {
  test.prop([scenario, seed])('planted secrets never survive; emails and phones are replaced by their masks', (sc, s) => {
    const { bodies, people } = sc;
    checkPlanted(sc.payload, people);
    // The whole record: identifiers, payloads, error text, and diff previews that may cut a secret or an email in half.
    const routeSecret = chars(s, 'route', 24);
    const out = JSON.stringify(redactDiffRecord(record(0, sc, routeSecret), createRedactor({ key: KEY, piiPaths: PII_PATHS })));
    for (const fragment of fragments([routeSecret, ...bodies])) expect(out).not.toContain(fragment);
    for (const { email, phone } of people) {
      const [local = '', domain = ''] = email.split('@');
      expect(out).not.toContain(local);
      expect(out).not.toContain(domain.slice(0, 8));
      expect(out).toContain(maskOf(email));
      expect(out).toContain(maskOf(phone));
    }
  });

  test.prop([fc.jsonValue({ maxDepth: 3 })])('pure and deterministic: same key, same output; the input is never changed', (value) => {
    const before = JSON.stringify(value);
    const a = createRedactor({ key: KEY, piiPaths: ['/**/name'] }).redact(value);
    expect(createRedactor({ key: KEY, piiPaths: ['/**/name'] }).redact(value)).toEqual(a);
    expect(JSON.stringify(value)).toBe(before);
  });

  test.prop([pii])('a different key gives different masks', ({ email, phone }) => {
    const other = createRedactor({ key: 'a-completely-different-key' });
    expect(other.redact(email)).not.toBe(maskOf(email));
    expect(other.redact(phone)).not.toBe(maskOf(phone));
  });

  const classOf = (c: string): string => (/\p{Lu}/u.test(c) ? 'U' : /\p{L}/u.test(c) ? 'l' : /\p{Nd}/u.test(c) ? 'd' : c);
  test.prop([fc.string({ unit: 'grapheme', maxLength: 40 })])('a path mask keeps length and character classes', (name) => {
    const out = createRedactor({ key: KEY, piiPaths: PII_PATHS }).redact({ messages: [{ name }] }) as { messages: { name: string }[] };
    const masked = Array.from(out.messages[0]?.name ?? '');
    const original = Array.from(name);
    expect(masked.length).toBe(original.length);
    expect(masked.map(classOf)).toEqual(original.map(classOf));
  });

  test.prop([pii])('an email mask keeps its structure and TLD', ({ email }) => {
    const tld = email.slice(email.lastIndexOf('.') + 1);
    expect(maskOf(email)).toMatch(new RegExp(`^u_[0-9a-f]{12}@d_[0-9a-f]{12}\\.${tld}$`));
  });
});

describe('redaction through the store', () => {
  // Each run opens a real file store with its writer thread: fewer runs than the pure properties.
  const numRuns = Math.min(fc.readConfigureGlobal().numRuns ?? 100, 50);
  test.prop([fc.array(scenario, { minLength: 1, maxLength: 3 }), seed], { numRuns })(
    'no planted secret reaches the .db, -wal or -shm bytes; PII masks do',
    async (scenarios, s) => {
      const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-redact-'));
      const path = join(dir, 'diffs.db');
      try {
        const routeSecret = chars(s, 'route', 24);
        const store = openDiffStore({ path, redactor: createRedactor({ key: KEY, piiPaths: PII_PATHS }), retention: { intervalMs: 0 }, clock: manualClock() });
        scenarios.forEach((sc, i) => store.write(record(i, sc, routeSecret)));
        await store.flush();
        expect(store.stats().written).toBe(scenarios.length);
        await store.close();
        const bytes = ['', '-wal', '-shm'].map((suffix) => (existsSync(path + suffix) ? readFileSync(path + suffix) : Buffer.alloc(0)));
        const found = (text: string): boolean => bytes.some((b) => b.includes(text));
        for (const fragment of fragments([routeSecret, ...scenarios.flatMap((sc) => sc.bodies)])) expect(found(fragment)).toBe(false);
        for (const { email, phone } of scenarios.flatMap((sc) => sc.people)) {
          expect(found(email)).toBe(false);
          expect(found(phone)).toBe(false);
          expect(found(maskOf(email))).toBe(true);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
