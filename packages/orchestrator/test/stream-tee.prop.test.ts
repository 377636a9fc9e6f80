// The shadow's copy of a stream (decision 0016): within the budget it is exactly the chunks as they came
// (bytes copied, so a source reusing its buffers changes nothing), in order, with their arrival times;
// past the budget it is let go at once and the drop is reported exactly once. The record's text of a
// stream is the UTF-8 decoding of its bytes wherever the chunks were cut.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { chunksOf, StreamTee, streamText } from '../src/orchestrator/stream-tee.js';
import { streamTiming } from '../src/records/stream-timing.js';

const chunk = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.uint8Array({ maxLength: 40 }));
const size = (c: string | Uint8Array): number => (typeof c === 'string' ? Buffer.byteLength(c, 'utf8') : c.byteLength);

describe('StreamTee', () => {
  test.prop([fc.array(chunk, { maxLength: 30 }), fc.integer({ min: 1, max: 800 })])('keeps exactly the chunks within its budget, and drops once past it', (chunks, budget) => {
    const tee = new StreamTee(budget);
    const sources = chunks.map((c) => (typeof c === 'string' ? c : c.slice()));
    const refusals: number[] = [];
    sources.forEach((c, i) => {
      if (!tee.add(c, i * 10)) refusals.push(i);
      if (typeof c !== 'string') c.fill(0xee); // the source reuses its buffer
    });
    let total = 0;
    const passedAt = chunks.findIndex((c) => (total += size(c)) > budget);
    expect(tee.bytes).toBe(chunks.reduce((n, c) => n + size(c), 0));
    expect(tee.chunks).toBe(chunks.length);
    const input = tee.input(999, true);
    if (passedAt < 0) {
      expect(refusals).toEqual([]);
      expect(input).not.toBeNull();
      const kept = chunksOf(input as NonNullable<typeof input>);
      expect(kept.map((c) => (typeof c === 'string' ? c : [...c]))).toEqual(chunks.map((c) => (typeof c === 'string' ? c : [...c])));
      expect(input?.arrivals).toEqual(chunks.map((_, i) => i * 10));
      expect(input).toMatchObject({ endedAt: 999, finish: true });
    } else {
      expect(refusals).toEqual([passedAt]);
      expect(input).toBeNull();
      expect(tee.keeping).toBe(false);
    }
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 })])('the record text is the stream decoded whole, wherever its bytes were cut', (text, cuts) => {
    const bytes = new TextEncoder().encode(text);
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const tee = new StreamTee(1 << 20);
    let from = 0;
    for (const p of [...points, bytes.length]) {
      tee.add(bytes.subarray(from, p), 0);
      from = p;
    }
    const input = tee.input(0, true);
    expect(input).not.toBeNull();
    const shown = streamText(input as NonNullable<typeof input>);
    expect(shown.text).toBe(text);
    expect(shown.chunk_bytes.reduce((a, b) => a + b, 0)).toBe(bytes.length);
  });

  it('counts without keeping when the call is not shadowed', () => {
    const tee = new StreamTee(null);
    expect(tee.add('héllo', 0)).toBe(true);
    expect(tee).toMatchObject({ bytes: 6, chunks: 1, keeping: false });
    expect(tee.input(0, true)).toBeNull();
  });
});

describe('streamTiming', () => {
  it('gives the first event and the gaps between events (nearest-rank percentiles)', () => {
    expect(streamTiming([40, 40, 65], 3, 7)).toEqual({ timing: { events: 3, chunks: 3, bytes: 7, first_event_ms: 40, gap_p50_ms: 0, gap_p99_ms: 25, gap_max_ms: 25 }, gapsMs: [0, 25] });
    expect(streamTiming([12], 1, 1).timing).toMatchObject({ first_event_ms: 12, gap_p50_ms: null, gap_max_ms: null });
    expect(streamTiming([], 2, 5).timing).toMatchObject({ events: 0, first_event_ms: null, gap_p99_ms: null });
  });
});
