import type { CanonicalEvent, DecodeOptions, DecodeResult, Protocol } from '../contract.js';
import { ModuleKitError, type StreamSessionImpl } from '@llms-wasm/module-kit';
import { streamingErrors } from '../errors.js';
import { AsyncQueue, STARVED } from './async-queue.js';
import { ChunkBytes, ChunkFeeder } from './chunk-feeder.js';
import type { DecodeCodec, ParsedFrame } from './llms-codecs.js';
import { eventTokens, tokenDigest } from './tokens.js';

/** Default per-session input budget. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The aggregate as plain JSON (what a serialized response holds: `undefined` members dropped). */
function settle(protocol: Protocol, promise: Promise<unknown>): Promise<DecodeResult> {
  return promise.then(
    (response): DecodeResult => ({ protocol, status: 'ok', response: JSON.parse(JSON.stringify(response ?? null)) as unknown }),
    (error: unknown): DecodeResult => {
      const e = error as { code?: unknown; message?: unknown };
      return { protocol, status: 'failed', code: typeof e.code === 'string' ? e.code : 'UNKNOWN', message: typeof e.message === 'string' ? e.message : String(error) };
    },
  );
}

const closed = (): ModuleKitError => new ModuleKitError('SESSION_CLOSED', 'streaming.decode: the ts stream session was finished or closed', { module: 'streaming', runtime: 'ts', operation: 'decode' });
const overBudget = (bytes: number, max: number): ModuleKitError =>
  streamingErrors.error('STREAM_BUDGET_EXCEEDED', `the session received ${bytes} bytes, its budget is ${max}`, { runtime: 'ts', operation: 'decode' });

/**
 * A TS decode session: the pushed chunks go (through the ChunkFeeder) to two llms consumers — the
 * protocol's framing/parser, which gives the canonical events as they complete, and the protocol's
 * converter, which gives the aggregate at the end.
 */
export class TsDecodeSession implements StreamSessionImpl<CanonicalEvent, DecodeResult> {
  private readonly chunkBytes = new ChunkBytes();
  private readonly feeder = new ChunkFeeder();
  private readonly frameInput = new AsyncQueue<string>();
  private readonly convertInput = new AsyncQueue<string>();
  private readonly frames: AsyncGenerator<ParsedFrame>;
  private readonly result: Promise<DecodeResult>;
  private pending: Promise<IteratorResult<ParsedFrame>> | undefined;
  private framesDone = false;
  private ordinal = 0;
  private bytes = 0;
  private state: 'open' | 'closed' = 'open';
  private readonly maxBytes: number;

  constructor(private readonly codec: DecodeCodec, private readonly options: DecodeOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.frames = codec.frames(this.frameInput);
    const convertOptions = { requestId: options.requestId ?? 'stream', ...(options.model === undefined ? {} : { model: options.model }) };
    this.result = settle(options.protocol, codec.convert(this.convertInput, convertOptions));
  }

  async push(chunk: Uint8Array | string): Promise<CanonicalEvent[]> {
    if (this.state !== 'open') throw closed();
    const bytes = this.chunkBytes.push(chunk);
    this.bytes += bytes.length;
    if (this.bytes > this.maxBytes) {
      this.close();
      throw overBudget(this.bytes, this.maxBytes);
    }
    this.feed(this.feeder.push(bytes));
    return this.drain();
  }

  async finish(): Promise<{ events: CanonicalEvent[]; result: DecodeResult }> {
    if (this.state !== 'open') throw closed();
    const last = this.chunkBytes.end();
    this.bytes += last.length;
    if (this.bytes > this.maxBytes) {
      this.close();
      throw overBudget(this.bytes, this.maxBytes);
    }
    this.feed(this.feeder.end(last));
    this.frameInput.end();
    this.convertInput.end();
    const events = await this.drain();
    const result = await this.result;
    this.state = 'closed';
    return { events, result };
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.frameInput.end();
    this.convertInput.end();
    this.result.catch(() => undefined);
  }

  private feed(text: string): void {
    if (text.length === 0) return;
    this.frameInput.put(text);
    this.convertInput.put(text);
  }

  /** Pulls frames until the parser waits for more input (or ends). */
  private async drain(): Promise<CanonicalEvent[]> {
    const out: CanonicalEvent[] = [];
    while (!this.framesDone) {
      this.pending ??= this.frames.next();
      const r = await Promise.race([this.pending, this.frameInput.starved()]);
      if (r === STARVED) break;
      this.pending = undefined;
      if (r.done) {
        this.framesDone = true;
        break;
      }
      out.push(this.toEvent(r.value));
    }
    return out;
  }

  private toEvent(frame: ParsedFrame): CanonicalEvent {
    const payload = frame.payload === undefined ? null : (JSON.parse(JSON.stringify(frame.payload)) as unknown);
    return {
      event_type: frame.type,
      ordinal_index: this.ordinal++,
      normalized_payload: payload,
      token_digest: tokenDigest(eventTokens(this.options.protocol, frame.type, payload)),
    };
  }
}
