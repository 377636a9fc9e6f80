// Identifiers are kept findable and never carry a secret (decision 0008): kept as they are when they fit
// the identifier grammar and hold no credential or PII, else a consistent keyed hash — and every lookup
// (store, reader; `llms-wasm diffs --request-id` in packages/cli) applies the same rule to the raw id it is given.
import { existsSync, readFileSync } from 'node:fs';
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { HASHED_IDENTIFIER, IDENTIFIER_GRAMMAR, identifierNeedsHash } from '../src/redact/identifier.js';
import { createRedactor } from '../src/redact/redactor.js';
import { openDiffReader } from '../src/store/diff-reader.js';
import { openDiffStore } from '../src/store/diff-store.js';
import { baseRecord, tempStores } from './helpers/store-fixtures.js';
import { manualClock } from './helpers/manual-clock.js';

const KEY = 'identifier-test-key-0123456789';
const { tempPath, track } = tempStores();

/** Ids as providers and gateways issue them: random by design, and kept as they are. */
const PROVIDER_IDS: readonly [string, ...string[]] = [
  'chatcmpl-AbC9xYz8Qw3Er5Ty7Ui9Op1As2Df4',
  'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
  'msg_01XFDUDYJgAACzvnptvVoYEL',
  'req_011CQbUCCMyqu4dm7emNzJmF',
  'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
  'toolu_01A09q90qw90lq917835lq9',
  'gen-1741234567-AbCdEfGhIjKlMnOpQrSt',
  '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'V1StGXR8_Z5jdHi6B-myT',
  'tokenizer-case-17#3',
  '/v1/chat/completions',
  'acme-eu',
];

/** Ids carrying a credential or PII: stored as a keyed hash, never as they are. */
const CARRIERS: readonly [string, ...string[]] = [
  'req-sk-proj-abcdefghijklmnopqrstuvwxyz012345',
  'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789',
  'trace-ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'req-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlMDEyMzQ1Njc',
  'AKIAIOSFODNN7EXAMPLE',
  '/v1/chat?api_key=abc123def456',
  'tenant-ann@example.com',
  'user-+49-30-1234-5678',
  'Bearer abcdefghijklmnop1234',
  'has a space',
  'line\nbreak',
  'quote"d',
  'x'.repeat(201),
];

describe('the identifier rule', () => {
  const redactor = createRedactor({ key: KEY });

  test.each(PROVIDER_IDS)('%s is kept as it is', (id) => {
    expect(redactor.identifier(id)).toBe(id);
    expect(identifierNeedsHash()(id)).toBe(false);
  });

  test.each(CARRIERS.map((id) => [JSON.stringify(id).slice(0, 60), id]))('%s is stored as a keyed hash', (_label, id) => {
    const stored = redactor.identifier(id);
    expect(stored).toMatch(HASHED_IDENTIFIER);
    expect(createRedactor({ key: KEY }).identifier(id)).toBe(stored); // the same raw id, the same stored id
    expect(createRedactor({ key: 'another-key-0123456789' }).identifier(id)).not.toBe(stored);
    expect(redactor.identifier(stored)).toBe(stored); // the stored form is itself an identifier
  });

  const anyId = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/), fc.constantFrom(...PROVIDER_IDS, ...CARRIERS));
  fcTest.prop([anyId])('deterministic, a fixed point on its output, and either the id itself or its hash', (id) => {
    const stored = redactor.identifier(id);
    expect(createRedactor({ key: KEY }).identifier(id)).toBe(stored);
    expect(redactor.identifier(stored)).toBe(stored);
    expect(stored === id || HASHED_IDENTIFIER.test(stored)).toBe(true);
    if (stored === id) expect(id).toMatch(IDENTIFIER_GRAMMAR);
  });
});

describe('lookups apply the same rule', () => {
  test('the store finds a record by a realistic provider id, and by an id it had to hash', async () => {
    const path = tempPath();
    const store = track(openDiffStore({ path, redactor: createRedactor({ key: KEY }), retention: { intervalMs: 0 }, clock: manualClock() }));
    const ids = [...PROVIDER_IDS, ...CARRIERS];
    ids.forEach((requestId, i) => store.write(baseRecord(i, { requestId, tenant: i % 2 === 0 ? 'acme' : 'ann@example.com', route: i % 3 === 0 ? '/v1/chat?key=abcdef123456' : '/v1/chat' })));
    await store.flush();
    for (const requestId of ids) expect(store.query({ requestId }).map((r) => r.id)).toEqual([`rec-${ids.indexOf(requestId)}`]);
    expect(store.query({ requestId: PROVIDER_IDS[0] })[0]?.requestId).toBe(PROVIDER_IDS[0]);
    expect(store.query({ tenant: 'ann@example.com', limit: 1000 })).toHaveLength(Math.floor(ids.length / 2));
    expect(store.countByClassification({ route: '/v1/chat?key=abcdef123456' }).reduce((n, c) => n + c.count, 0)).toBe(Math.ceil(ids.length / 3));
    await store.close();
    const bytes = ['', '-wal', '-shm'].map((s) => (existsSync(path + s) ? readFileSync(path + s).toString('latin1') : '')).join('');
    for (const secret of ['abcdefghijklmnopqrstuvwxyz012345', 'IOSFODNN7EXAMPLE', 'ann@example.com', 'abc123def456', 'abcdef123456']) expect(bytes).not.toContain(secret);
    expect(bytes).toContain(PROVIDER_IDS[0]);

    // A reader without the key answers for kept ids and refuses, naming the field, for hashed ones.
    const keyless = openDiffReader(path);
    expect(keyless.query({ requestId: PROVIDER_IDS[0] })).toHaveLength(1);
    expect(() => keyless.query({ requestId: CARRIERS[0] })).toThrow(expect.objectContaining({ code: 'QUERY_INVALID', detail: { path: '/requestId' } }));
    keyless.close();
    const keyed = openDiffReader(path, { redactor: createRedactor({ key: KEY }) });
    expect(keyed.query({ requestId: CARRIERS[0] })).toHaveLength(1);
    keyed.close();
  });
});
