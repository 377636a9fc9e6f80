import type { StreamChunk } from '@llms-wasm/module-kit';
import type { StreamInput } from '../shadow/job.js';

/** UTF-8 length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The shadow's copy of a stream's chunks, kept on the caller's side within a byte budget (decision 0016).
 * Each byte chunk is copied into one growing buffer as it arrives (so a source that reuses its buffers
 * cannot change what the shadow sees, and the worker gets one buffer, not thousands); text chunks are kept
 * as they are (strings cannot change). Once the budget is passed the copy is let go at once and nothing
 * more is kept: the stream goes on for the caller, the shadow is dropped.
 */
export class StreamTee {
  private buffer: Uint8Array | null;
  private length = 0;
  private readonly texts: string[] = [];
  private readonly layout: number[] = [];
  private readonly arrivals: number[] = [];
  /** Input bytes seen (counted on after the budget is passed, for the record of the caller's timing). */
  bytes = 0;
  chunks = 0;

  /** `budget` null: only count (a call that is not shadowed). */
  constructor(private readonly budget: number | null) {
    this.buffer = budget === null ? null : new Uint8Array(0);
  }

  /** False once the budget was passed (the copy is gone). */
  get keeping(): boolean {
    return this.buffer !== null;
  }

  /** Counts a chunk and, within the budget, keeps a copy of it. Returns false when this chunk passed the budget. */
  add(chunk: StreamChunk, arrivedAt: number): boolean {
    const size = typeof chunk === 'string' ? utf8Length(chunk) : chunk.byteLength;
    this.bytes += size;
    this.chunks += 1;
    if (this.buffer === null) return true;
    if (this.bytes > (this.budget as number)) {
      this.buffer = null;
      this.texts.length = 0;
      this.layout.length = 0;
      this.arrivals.length = 0;
      return false;
    }
    if (typeof chunk === 'string') {
      this.layout.push(-1 - this.texts.length);
      this.texts.push(chunk);
    } else {
      this.append(chunk);
      this.layout.push(this.length);
    }
    this.arrivals.push(arrivedAt);
    return true;
  }

  private append(chunk: Uint8Array): void {
    let buffer = this.buffer as Uint8Array;
    const needed = this.length + chunk.byteLength;
    if (needed > buffer.byteLength) {
      const grown = new Uint8Array(Math.min(Math.max(needed, buffer.byteLength * 2, 4096), Math.max(needed, this.budget as number)));
      grown.set(buffer.subarray(0, this.length));
      buffer = grown;
      this.buffer = grown;
    }
    buffer.set(chunk, this.length);
    this.length = needed;
  }

  /** What the shadow job carries: the kept chunks (the buffer trimmed to what was written). Null once over budget. */
  input(endedAt: number, finish: boolean): StreamInput | null {
    if (this.buffer === null) return null;
    const bytes = this.length === this.buffer.byteLength ? this.buffer : this.buffer.slice(0, this.length);
    this.buffer = null;
    return { bytes, texts: this.texts, layout: this.layout, arrivals: this.arrivals, endedAt, finish };
  }
}

/** The chunks of a {@link StreamInput}, in order (byte chunks as views of its buffer). */
export function chunksOf(input: StreamInput): StreamChunk[] {
  let from = 0;
  return input.layout.map((end) => {
    if (end < 0) return input.texts[-1 - end] as string;
    const chunk = input.bytes.subarray(from, end);
    from = end;
    return chunk;
  });
}

/** The whole stream as text (byte runs decoded as UTF-8 across chunk cuts), and each chunk's size: what a record keeps of a stream's input. */
export function streamText(input: StreamInput): { readonly text: string; readonly chunk_bytes: number[] } {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  const sizes: number[] = [];
  for (const chunk of chunksOf(input)) {
    if (typeof chunk === 'string') {
      text += decoder.decode() + chunk;
      sizes.push(utf8Length(chunk));
    } else {
      text += decoder.decode(chunk, { stream: true });
      sizes.push(chunk.byteLength);
    }
  }
  return { text: text + decoder.decode(), chunk_bytes: sizes };
}
