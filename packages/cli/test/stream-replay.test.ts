// The streaming corpus replayed through Orchestrator.stream: every stream as captured, re-chunked as
// bytes at seeded cut points (inside UTF-8 sequences) and with CRLF line ends (cuts inside `\r\n`), all
// compared by the streaming module's own comparator with no difference. A subset of the corpus (the
// first streams with multi-byte text and the gateway's error streams) keeps the test short; `npm run
// main` replays all of it. A manual clock: no shadow can time out because the machine is slow.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir } from '@llms-wasm/module-kit/corpus';
import { openDiffReader } from '@llms-wasm/orchestrator';
import { manualClock } from '@llms-wasm/orchestrator/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { replay } from '../src/commands/replay.js';
import { memoryIo } from './helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'llms-wasm-stream-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = readFileSync(join(corpusDir(), 'streaming.jsonl'), 'utf8').trim().split('\n');
const cases = lines.map((line) => JSON.parse(line) as { id: string; tags: string[]; input: { sse: string } });
const multiByte = cases.filter((c) => /[^\x00-\x7f]/.test(c.input.sse)).slice(0, 6);
const errors = cases.filter((c) => c.tags.includes('error_event'));
writeFileSync(join(dir, 'streaming.jsonl'), `${[...multiByte, ...errors].map((c) => JSON.stringify(c)).join('\n')}\n`);

describe('llms-wasm replay of streams', () => {
  it('replays every stream captured, re-chunked and CRLF re-chunked through the orchestrator with 0 differences', async () => {
    const db = join(dir, 'replay.sqlite');
    const io = memoryIo({ LLMS_WASM_REDACTION_KEY: 'stream-replay-key-0123456789' });
    const problems = await replay({ modules: ['streaming'], corpus: dir, db, io, clock: manualClock(Date.now()) });
    const out = io.stdout();
    expect(problems, out).toBe(0);
    const streams = multiByte.length + errors.length;
    expect(out).toContain(`streaming: ${streams} stream(s) replayed as captured, re-chunked 3 time(s) as bytes and once with CRLF line ends (seed 1): ${streams * 4} re-chunkings`);
    const cuts = /(\d+) inside a UTF-8 sequence, (\d+) inside a CRLF/.exec(out);
    expect(Number(cuts?.[1])).toBeGreaterThanOrEqual(multiByte.length * 3);
    expect(Number(cuts?.[2])).toBeGreaterThanOrEqual(streams);
    const row = out.split('\n').find((line) => line.startsWith('streaming '));
    const [, count, calls, compared, notCompared, , diffRate, shadowErr] = (row ?? '').trim().split(/\s{2,}/);
    expect(Number(count)).toBe(streams);
    expect(Number(calls)).toBe(streams * 6); // decodeWhole, captured, 3 re-chunked, CRLF re-chunked
    expect([compared, notCompared, diffRate, shadowErr]).toEqual([calls, '0', '0.00%', '0.00%']);
    for (const label of ['decodeWhole/responses', 'decode/responses/captured', 'decode/responses/rechunked', 'decode/responses/crlf-rechunked']) expect(out).toContain(label);
    // Every stream call counted in the store's minute summaries, none dropped.
    const reader = openDiffReader(db);
    try {
      const w = reader.window('streaming', 0, Date.now() + 86_400_000);
      expect(w.overall.calls).toBe(streams * 6);
      expect(w.overall.dropped).toEqual({});
    } finally {
      reader.close();
    }
  });
});
