// Planted-secret generators for the redaction properties: secrets in known formats (and fields only their
// key marks as secret), placed in prose, keys, JSON-in-strings, chat requests; credentials in diff paths
// and previews (any path segment, header pairs, tuples); secrets in error messages and identifiers; and
// people (an email and a phone) whose masks must appear.
import { createHash } from 'node:crypto';
import { fc } from '@fast-check/vitest';
import { diffValues, type DiffEntry } from '@llms-wasm/module-kit';
import { expect } from 'vitest';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const B64 = `${ALNUM}+/`;

/** Deterministic characters from a seed: bodies are unique and look random (fast-check would bias them). */
export function chars(seed: number, tag: string, length: number, alphabet = ALNUM): string {
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
export interface Planted {
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

export const seed = fc.nat({ max: 2 ** 31 - 1 });
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
export const pii = fc.tuple(seed, fc.constantFrom('com', 'org', 'io')).map(([s, tld]) => ({
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

/** A credential name, any spelling the key rule knows. */
const credentialName = fc.constantFrom('Authorization', 'X-Api-Key', 'x_api_key', 'cookie', 'Set-Cookie', 'api_key', 'apiKey', 'access_token', 'id_token', 'token', 'client_secret', 'password', 'passwd', 'private_key', 'sessionid', 'credentials');
const plainKey: fc.Arbitrary<string> = fc.constantFrom('data', 'config', 'inner', 'list', 'auth', 'meta', 'v');

/**
 * The same place in two payloads with different plain values (no secret format: only the path says
 * it is one) — a credential name at any segment of the path, or a credential header pair or tuple. The
 * diff between the two has its entries exactly there.
 */
const credentialDiff: fc.Arbitrary<{ left: unknown; right: unknown; bodies: readonly string[] }> = fc
  .tuple(fc.constantFrom('segment', 'har', 'tuple'), credentialName, fc.array(plainKey, { maxLength: 3 }), fc.nat({ max: 3 }), seed, fc.boolean())
  .map(([shape, name, keys, at, s, nested]) => {
    const [l, r] = [chars(s, 'cdl', 16), chars(s, 'cdr', 16)];
    const wrap = (v: string): unknown => (nested ? { value: [v] } : v);
    if (shape === 'har') return { left: { headers: [{ name, value: wrap(l) }] }, right: { headers: [{ name, value: wrap(r) }] }, bodies: [l, r] };
    if (shape === 'tuple') return { left: [[name, wrap(l)]], right: [[name, wrap(r)]], bodies: [l, r] };
    const path = [...keys];
    path.splice(Math.min(at, path.length), 0, name);
    const build = (v: string): unknown => path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), wrap(v));
    return { left: build(l), right: build(r), bodies: [l, r] };
  });

/** Where an identifier's planted credential is glued on: nothing, or a separator that ends a name. */
const idPrefix = fc.constantFrom('', 'req:', 'trace/', '#', '?q=1&', 'run|');

/**
 * A secret planted in an identifier. The random-token format is left out on purpose: provider ids are
 * random tokens, and identifiers are kept unless a credential format or name says otherwise (decision 0008).
 */
const idPlanted: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...Object.keys(FORMATS).filter((k) => k !== 'random')), seed, idPrefix)
  .map(([kind, s, prefix]) => {
    const p = (FORMATS[kind] ?? FORMATS['openai'])!(s);
    return { text: `${prefix}${p.text}`, bodies: p.bodies };
  });

/** A secret in an error message, in prose. */
const errorPlanted: fc.Arbitrary<Planted> = fc.tuple(planted, words, delimiter).map(([p, pre, open]) => ({ text: `upstream failed: ${pre}${open}${p.text} (retry later)`, bodies: p.bodies }));

/** A whole record's worth of planted secrets (see `scenarioRecord`). */
export const scenario = fc
  .record({
    tree: fc.jsonValue({ maxDepth: 3 }),
    secrets: fc.array(fc.oneof(placed, credentialField), { minLength: 1, maxLength: 4 }),
    credentialDiffs: fc.array(credentialDiff, { maxLength: 3 }),
    people: fc.array(pii, { maxLength: 2 }),
    choices: fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 7, maxLength: 7 }),
    error: errorPlanted,
    ids: fc.record({ requestId: fc.option(idPlanted), tenant: fc.option(idPlanted), route: fc.option(idPlanted), operation: fc.option(idPlanted), code: fc.option(idPlanted) }),
  })
  .map(({ tree, secrets, credentialDiffs, people, choices, error, ids }) => {
    // People first: a secret planted later may wrap them, never hide them under a credential key.
    let payload: unknown = tree;
    people.forEach((p, i) => (payload = plant(payload, `write <${p.email}> or call ${p.phone}; thanks`, choices[4 + i] ?? [])));
    secrets.forEach((s, i) => (payload = plant(payload, s.value, choices[i] ?? [])));
    // The two outputs differ only where a credential sits: same tree, same place, different values. All
    // of them go in one plant, so no plant lands inside another's header pair (its name would be lost).
    const group = (side: 'left' | 'right'): unknown => Object.fromEntries(credentialDiffs.map((d, i) => [`d${i}`, d[side]]));
    const main = credentialDiffs.length === 0 ? payload : plant(payload, group('left'), choices[6] ?? []);
    const shadow = credentialDiffs.length === 0 ? payload : plant(payload, group('right'), choices[6] ?? []);
    const idBodies = Object.values(ids).flatMap((p) => p?.bodies ?? []);
    return {
      payload,
      main,
      shadow,
      people,
      error,
      ids,
      bodies: [...secrets.flatMap((s) => s.bodies), ...credentialDiffs.flatMap((d) => d.bodies), ...error.bodies, ...idBodies],
    };
  });

export type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The diff summary of a scenario: previews of whole planted subtrees, and the credential-path entries. */
export function scenarioSummary(sc: Scenario): { entries: DiffEntry[]; paths: string[]; kinds: DiffEntry['kind'][]; truncated: boolean } {
  const entries = [...diffValues(sc.payload, { other: 1 }, { maxEntries: 20 }), ...diffValues(sc.main, sc.shadow, { maxEntries: 20 })];
  return { entries, paths: [...new Set(entries.map((e) => e.path))], kinds: [...new Set(entries.map((e) => e.kind))], truncated: false };
}

/** The generator's own contract: every person it claims to have planted is in the payload. */
export function checkPlanted(payload: unknown, people: readonly { email: string; phone: string }[]): void {
  const raw = JSON.stringify(payload);
  for (const { email, phone } of people) {
    expect(raw).toContain(email);
    expect(raw).toContain(phone);
  }
}

/** Every 12-character window of every body: no fragment that long may survive. */
export function fragments(bodies: readonly string[]): string[] {
  return bodies.flatMap((b) => Array.from({ length: Math.max(1, b.length - 11) }, (_, i) => b.slice(i, i + 12)));
}

