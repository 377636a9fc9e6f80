// Diff summaries, shadow errors and identifiers of a DiffRecord through the store: the credential rules
// apply to every diff path (every segment) and preview, and no byte of a secret reaches the files.
import { existsSync, readFileSync } from 'node:fs';
import { diffValues } from '@llms-wasm/module-kit';
import { describe, expect, test } from 'vitest';
import type { DiffRecord } from '../src/records/diff-record.js';
import { redactDiffRecord } from '../src/redact/redact-record.js';
import { createRedactor } from '../src/redact/redactor.js';
import { openDiffStore } from '../src/store/diff-store.js';
import { baseRecord, tempStores } from './helpers/store-fixtures.js';
import { manualClock } from './helpers/manual-clock.js';

const KEY = 'redact-record-test-key-0123456789';
const { tempPath, track } = tempStores();
const redactor = (): ReturnType<typeof createRedactor> => createRedactor({ key: KEY });

function bytesOf(path: string): string {
  return ['', '-wal', '-shm'].map((s) => (existsSync(path + s) ? readFileSync(path + s).toString('latin1') : '')).join('');
}

function withDiff(left: unknown, right: unknown, over: Partial<DiffRecord> = {}): DiffRecord {
  const entries = diffValues(left, right);
  return baseRecord(1, {
    diff_summary: { entries, paths: [...new Set(entries.map((e) => e.path))], kinds: [...new Set(entries.map((e) => e.kind))], truncated: false },
    payload_refs: { input: {}, main: left, shadow: right },
    ...over,
  });
}

describe('diff previews under the credential rules', () => {
  test('the issue: /headers/x-api-key and /password previews do not survive the store', async () => {
    const path = tempPath();
    const store = track(openDiffStore({ path, redactor: redactor(), retention: { intervalMs: 0 }, clock: manualClock() }));
    store.write(
      baseRecord('issue', {
        diff_summary: {
          entries: [
            { path: '/headers/x-api-key', kind: 'changed', left: '"hunter2-prod"', right: '"hunter3-prod"' },
            { path: '/password', kind: 'added', right: '"correct horse battery"' },
          ],
          paths: ['/headers/x-api-key', '/password'],
          kinds: ['changed', 'added'],
          truncated: false,
        },
        payload_refs: { input: { headers: { 'x-api-key': 'hunter2-prod' }, password: 'correct horse battery' } },
      }),
    );
    await store.flush();
    const [got] = store.query();
    expect(got?.diff_summary?.entries).toEqual([
      { path: '/headers/x-api-key', kind: 'changed', left: '[secret]', right: '[secret]' },
      { path: '/password', kind: 'added', right: '[secret]' },
    ]);
    expect(got?.payload_refs).toEqual({ input: { headers: {} } });
    await store.close();
    const bytes = bytesOf(path);
    for (const secret of ['hunter2-prod', 'hunter3-prod', 'correct horse battery']) expect(bytes).not.toContain(secret);
  });

  test.each([
    ['a middle segment', { password: ['hunter2'] }, { password: ['hunter3'] }, '/password/0'],
    ['a nested credential object', { auth: { credentials: { user: 'ann', pass: 'hunter2' } } }, { auth: { credentials: { user: 'ann', pass: 'hunter3' } } }, '/auth/credentials/pass'],
    ['a HAR header pair', { headers: [{ name: 'Authorization', value: 'hunter2' }] }, { headers: [{ name: 'Authorization', value: 'hunter3' }] }, '/headers/0/value'],
    ['a header tuple', { headers: [['cookie', 'sid=hunter2']] }, { headers: [['cookie', 'sid=hunter3']] }, '/headers/0/1'],
    ['a pair keyed by `key`', { params: [{ key: 'api_key', value: 'hunter2' }] }, { params: [{ key: 'api_key', value: 'hunter3' }] }, '/params/0/value'],
  ])('%s: the path is kept, the previews are not', (_what, left, right, path) => {
    const out = redactDiffRecord(withDiff(left, right), redactor());
    expect(out.diff_summary?.entries).toEqual([{ path, kind: 'changed', left: '[secret]', right: '[secret]' }]);
    expect(JSON.stringify(out)).not.toMatch(/hunter[23]/);
  });

  test('a whole pair that appears is redacted as a structure; a non-credential pair keeps its value', () => {
    const out = redactDiffRecord(withDiff({ headers: [] }, { headers: [{ name: 'Cookie', value: 'sid=hunter2' }, { name: 'Accept', value: 'json' }] }), redactor());
    expect(out.diff_summary?.entries).toEqual([
      { path: '/headers/0', kind: 'added', right: '{"name":"Cookie"}' },
      { path: '/headers/1', kind: 'added', right: '{"name":"Accept","value":"json"}' },
    ]);
  });

  test('a preview module-kit cut short: credential pairs written as text lose their values', () => {
    const pairs = Array.from({ length: 4 }, (_, i) => ({ name: i === 1 ? 'X-Api-Key' : `x-h${i}`, value: i === 1 ? 'hunter2-prod' : 'v'.repeat(5) }));
    const out = redactDiffRecord(withDiff({ headers: [] }, { headers: [pairs] }), redactor());
    const right = out.diff_summary?.entries[0]?.right ?? '';
    expect(right).toMatch(/…\(\d+ chars\)$/);
    expect(right).not.toContain('hunter2');
    expect(right).toContain('"name":"X-Api-Key","value":"[secret]"');
  });

  test('path segments are redacted like payload keys (PII masked, secrets removed), consistently with the payloads', () => {
    const left = { users: { 'ann@example.com': { plan: 'free' } }, keys: { 'sk-proj-abcdefghijklmnopqrstuvwxyz0123': 1 } };
    const right = { users: { 'ann@example.com': { plan: 'pro' } }, keys: { 'sk-proj-abcdefghijklmnopqrstuvwxyz0123': 2 } };
    const out = redactDiffRecord(withDiff(left, right), redactor());
    const paths = out.diff_summary?.entries.map((e) => e.path) ?? [];
    const maskedKey = Object.keys((out.payload_refs?.main as { users: object }).users)[0] ?? '';
    expect(maskedKey).toMatch(/^u_[0-9a-f]{12}@d_[0-9a-f]{12}\.com$/);
    expect([...paths].sort()).toEqual(['/keys/[secret]', `/users/${maskedKey}/plan`]);
    expect(JSON.stringify(out)).not.toContain('ann@example.com');
    expect(out.diff_summary?.paths).toEqual(paths);
  });

  test('a preview with PII at a configured path is masked as the value it is', () => {
    const r = createRedactor({ key: KEY, piiPaths: ['/messages/*/name'] });
    const out = redactDiffRecord(withDiff({ messages: [{ name: 'Ann Lee' }] }, { messages: [{ name: 'Ann Leigh' }] }), r);
    const entry = out.diff_summary?.entries[0];
    expect(entry?.left).toMatch(/^"[A-Z][a-z]{2} [A-Z][a-z]{2}"$/);
    expect(entry?.right).toMatch(/^"[A-Z][a-z]{2} [A-Z][a-z]{4}"$/);
  });

  test('shadow error messages and codes: credentials go, the code stays findable', () => {
    const out = redactDiffRecord(
      baseRecord(2, { status: 'shadow_error', shadow_error: { code: 'UPSTREAM_401', message: 'upstream said 401 for password=hunter2 and x-api-key: hunter3-prod', stack_hash: 'stack:0123456789abcdef' } }),
      redactor(),
    );
    expect(out.shadow_error).toEqual({ code: 'UPSTREAM_401', message: 'upstream said 401 for password=[secret] and x-api-key: [secret]', stack_hash: 'stack:0123456789abcdef' });
  });
});
