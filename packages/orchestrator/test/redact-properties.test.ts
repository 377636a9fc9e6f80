import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { diffValues } from '@llms-wasm/module-kit';
import { describe, expect } from 'vitest';
import type { DiffRecord } from '../src/records/diff-record.js';
import { redactDiffRecord } from '../src/redact/redact-record.js';
import { createRedactor } from '../src/redact/redactor.js';
import { openDiffStore } from '../src/store/diff-store.js';
import { baseRecord } from './helpers/store-fixtures.js';

// Secrets planted anywhere in random payloads never survive redaction — in memory, and in the bytes of a
// SQLite store (.db, -wal, -shm) after flush and close. Emails and phones are replaced by their masks.

const KEY = 'property-test-key-0123456789';
const PII_PATHS = ['/messages/*/name'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;

/** Deterministic characters from a seed: bodies are unique and look random (fast-check would bias them). */
function chars(seed: number, tag: string, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let block = 0; out.length < length; block += 1) {
    for (const byte of createHash('sha256').update(`${tag}:${seed}:${block}`).digest()) out += alphabet[byte % alphabet.length];
  }
  return out.slice(0, length);
}

/** A random token mixing classes at every position (the shape of a generated API key). */
function randomToken(seed: number, length: number): string {
  const classes = ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789'];
  return Array.from(chars(seed, 'rt', length, ALNUM), (c, i) => {
    const set = classes[i % 3] ?? ALNUM;
    return set[c.charCodeAt(0) % set.length];
  }).join('');
}

/** A secret as written (`text`) and the fragments of it that must not survive (`bodies`). */
interface Planted {
  readonly text: string;
  readonly bodies: readonly string[];
}

const KV_NAMES = ['api_key', 'apikey', 'access_token', 'refresh_token', 'token', 'secret', 'client_secret', 'password', 'passwd', 'auth_token', 'x-api-key', 'session_id'];

const FORMATS: Record<string, (seed: number) => Planted> = {
  bearer: (s) => ({ text: `Bearer ${chars(s, 'b', 40, B64URL)}`, bodies: [chars(s, 'b', 40, B64URL)] }),
  basic: (s) => {
    const b = Buffer.from(`${chars(s, 'u', 10)}:${chars(s, 'p', 16)}`).toString('base64');
    return { text: `Basic ${b}`, bodies: [b] };
  },
  openai: (s) => ({ text: `sk-${chars(s, 'o', 48)}`, bodies: [chars(s, 'o', 48)] }),
  openaiProject: (s) => ({ text: `sk-proj-${chars(s, 'op', 64, B64URL)}`, bodies: [chars(s, 'op', 64, B64URL)] }),
  anthropic: (s) => ({ text: `sk-ant-api03-${chars(s, 'a', 93, B64URL)}AA`, bodies: [chars(s, 'a', 93, B64URL)] }),
  jwt: (s) => {
    const parts = [`eyJ${chars(s, 'j1', 30, B64URL)}`, `eyJ${chars(s, 'j2', 60, B64URL)}`, chars(s, 'j3', 43, B64URL)];
    return { text: parts.join('.'), bodies: parts };
  },
  aws: (s) => ({ text: `AKIA${chars(s, 'aws', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, bodies: [chars(s, 'aws', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')] }),
  github: (s) => ({ text: `ghp_${chars(s, 'gh', 36)}`, bodies: [chars(s, 'gh', 36)] }),
  githubPat: (s) => ({ text: `github_pat_${chars(s, 'gp1', 22)}_${chars(s, 'gp2', 59)}`, bodies: [chars(s, 'gp1', 22), chars(s, 'gp2', 59)] }),
  google: (s) => ({ text: `AIza${chars(s, 'g', 35, B64URL)}`, bodies: [chars(s, 'g', 35, B64URL)] }),
  slack: (s) => ({ text: `xoxb-${chars(s, 's1', 12, '0123456789')}-${chars(s, 's2', 24)}`, bodies: [chars(s, 's2', 24)] }),
  stripe: (s) => ({ text: `sk_live_${chars(s, 'st', 24)}`, bodies: [chars(s, 'st', 24)] }),
  pem: (s) => {
    const lines = [chars(s, 'pem1', 64, B64), chars(s, 'pem2', 64, B64), chars(s, 'pem3', 20, B64)];
    return { text: `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----`, bodies: lines };
  },
  random: (s) => ({ text: randomToken(s, 48), bodies: [randomToken(s, 48)] }),
  kvEquals: (s) => ({ text: `${KV_NAMES[s % KV_NAMES.length] ?? 'token'}=${chars(s, 'kv', 16)}`, bodies: [chars(s, 'kv', 16)] }),
  kvColon: (s) => ({ text: `${KV_NAMES[s % KV_NAMES.length] ?? 'token'}: ${chars(s, 'kc', 16)}`, bodies: [chars(s, 'kc', 16)] }),
  kvJson: (s) => ({ text: `{"${KV_NAMES[s % KV_NAMES.length] ?? 'token'}":"${chars(s, 'kj', 16)}"}`, bodies: [chars(s, 'kj', 16)] }),
  query: (s) => ({ text: `https://api.test/v1/x?a=1&${KV_NAMES[s % KV_NAMES.length] ?? 'token'}=${chars(s, 'q', 16)}&b=2`, bodies: [chars(s, 'q', 16)] }),
  cookieLine: (s) => ({ text: `Cookie: sid=${chars(s, 'c', 20)}; theme=dark`, bodies: [chars(s, 'c', 20)] }),
};

const seed = fc.nat({ max: 2 ** 31 - 1 });
const planted: fc.Arbitrary<Planted> = fc.tuple(fc.constantFrom(...Object.keys(FORMATS)), seed).map(([kind, s]) => (FORMATS[kind] ?? FORMATS['openai'])!(s));
const words = fc.string({ maxLength: 16 });
const delimiter = fc.constantFrom(' ', '"', "'", '(', ')', '[', ']', ',', ';', ':', '=', '\n', '\t', '<', '>', '`');

/** Where a secret goes: inside prose, as a key, in JSON-in-a-string (once or twice), in an array, in a chat request. */
const placed: fc.Arbitrary<{ value: unknown; bodies: readonly string[] }> = fc
  .tuple(planted, fc.constantFrom('text', 'key', 'json', 'json2', 'array', 'chat'), words, words, delimiter, delimiter)
  .map(([p, mode, pre, post, open, close]) => {
    const prose = `${pre}${open}${p.text}${close}${post}`;
    const value: unknown = {
      text: prose,
      key: { [`k ${p.text}`]: 1 },
      json: JSON.stringify({ note: prose }),
      json2: JSON.stringify(JSON.stringify({ data: [p.text] })),
      array: [pre, p.text, post],
      chat: { model: 'm', messages: [{ role: 'user', content: prose }, { role: 'assistant', tool_calls: [{ function: { name: 'f', arguments: JSON.stringify({ q: p.text }) } }] }] },
    }[mode];
    return { value, bodies: p.bodies };
  });

/** A credential field whose value has no secret format: only the key says it is one. */
const credentialField: fc.Arbitrary<{ value: unknown; bodies: readonly string[] }> = fc
  .tuple(fc.constantFrom('Authorization', 'authorization', 'X-Api-Key', 'cookie', 'Set-Cookie', 'api_key', 'apiKey', 'access_token', 'id_token', 'token', 'client_secret', 'password', 'private_key', 'sessionid'), seed, fc.boolean())
  .map(([key, s, nested]) => {
    const body = chars(s, 'cred', 20);
    return { value: { headers: { [key]: nested ? { v: [body] } : body, accept: 'json' } }, bodies: [body] };
  });

/** An email and a phone in prose; the assertions check the originals vanish and their masks appear. */
const pii = fc.tuple(seed, fc.constantFrom('com', 'org', 'io')).map(([s, tld]) => ({
  email: `${chars(s, 'el', 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}@${chars(s, 'ed', 8, 'abcdefghijklmnopqrstuvwxyz')}.${tld}`,
  phone: `+${1 + (s % 9)} ${chars(s, 'p1', 3, '0123456789')} ${chars(s, 'p2', 3, '0123456789')} ${chars(s, 'p3', 4, '0123456789')}`,
}));

/** Inserts `value` somewhere in `tree`, steered by `choices`. */
function plant(tree: unknown, value: unknown, choices: readonly number[]): unknown {
  const [c, ...rest] = choices;
  if (c === undefined) return { was: tree, planted: value };
  if (Array.isArray(tree)) {
    const i = c % (tree.length + 1);
    return i < tree.length ? tree.map((item, j) => (j === i ? plant(item, value, rest) : item)) : [...tree, value];
  }
  if (typeof tree === 'object' && tree !== null) {
    const keys = Object.keys(tree);
    const key = keys[c % (keys.length + 1)];
    const copy: Record<string, unknown> = {};
    for (const k of keys) Object.defineProperty(copy, k, { value: (tree as Record<string, unknown>)[k], enumerable: true, writable: true, configurable: true });
    if (key === undefined) {
      // A fresh key: planting must never overwrite what an earlier plant put here (a person, a secret).
      let fresh = `p${c}`;
      while (Object.hasOwn(copy, fresh)) fresh = `${fresh}_`;
      copy[fresh] = value;
    } else copy[key] = plant(copy[key], value, rest);
    return copy;
  }
  return c % 2 === 0 ? [tree, value] : { was: tree, planted: value };
}

const scenario = fc
  .record({
    tree: fc.jsonValue({ maxDepth: 3 }),
    secrets: fc.array(fc.oneof(placed, credentialField), { minLength: 1, maxLength: 4 }),
    people: fc.array(pii, { maxLength: 2 }),
    choices: fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ tree, secrets, people, choices }) => {
    // People first: a secret planted later may wrap them, never hide them under a credential key.
    let payload: unknown = tree;
    people.forEach((p, i) => (payload = plant(payload, `write <${p.email}> or call ${p.phone}; thanks`, choices[4 + i] ?? [])));
    secrets.forEach((s, i) => (payload = plant(payload, s.value, choices[i] ?? [])));
    return { payload, bodies: secrets.flatMap((s) => s.bodies), people };
  });

/** The generator's own contract: every person it claims to have planted is in the payload. */
function checkPlanted(payload: unknown, people: readonly { email: string; phone: string }[]): void {
  const raw = JSON.stringify(payload);
  for (const { email, phone } of people) {
    expect(raw).toContain(email);
    expect(raw).toContain(phone);
  }
}

/** Every 12-character window of every body: no fragment that long may survive. */
function fragments(bodies: readonly string[]): string[] {
  return bodies.flatMap((b) => Array.from({ length: Math.max(1, b.length - 11) }, (_, i) => b.slice(i, i + 12)));
}

const maskOf = (value: string): string => createRedactor({ key: KEY }).redact(value) as string;

function record(i: number, payload: unknown, secret: string): DiffRecord {
  return baseRecord(i, {
    route: `/v1/chat?api_key=${secret}`,
    diff_summary: { entries: diffValues(payload, { other: 1 }, { maxEntries: 20 }), paths: ['/'], kinds: ['removed'], truncated: false },
    shadow_error: { code: 'WASM_TRAP', message: `trap while holding Bearer ${secret}` },
    payload_refs: { input: payload, main: { echoed: payload } },
  });
}

describe('redaction properties', () => {
  test.prop([scenario, seed])('planted secrets never survive; emails and phones are replaced by their masks', ({ payload, bodies, people }, s) => {
    checkPlanted(payload, people);
    // The whole record: payloads, and diff previews that may cut a secret or an email in half.
    const routeSecret = chars(s, 'route', 24);
    const out = JSON.stringify(redactDiffRecord(record(0, payload, routeSecret), createRedactor({ key: KEY, piiPaths: PII_PATHS })));
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
        const store = openDiffStore({ path, redactor: createRedactor({ key: KEY, piiPaths: PII_PATHS }), retention: { intervalMs: 0 } });
        scenarios.forEach((sc, i) => store.write(record(i, sc.payload, routeSecret)));
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
