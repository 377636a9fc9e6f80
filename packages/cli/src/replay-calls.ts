import type { CorpusCase } from '@llms-wasm/module-kit/corpus';
import type { Orchestrator } from '@llms-wasm/orchestrator';
import { rechunk } from '@llms-wasm/module-kit';
import { streamFormOf } from './stream-replay.js';

/** One replayed call: a request/response call, or a stream fed chunk by chunk. */
export interface Replayed {
  readonly requestId: string;
  /** The kind of call (stored as the record's route). */
  readonly label: string;
  readonly malformed: boolean;
  readonly run: () => Promise<unknown>;
}

/** Streams replayed and how their re-chunkings cut them. */
export interface StreamTally {
  streams: number;
  rechunked: number;
  cuts: number;
  inUtf8: number;
  inCrlf: number;
}

type Mapped = readonly { readonly c: CorpusCase; readonly calls: readonly { readonly operation: string; readonly input: unknown; readonly label: string; readonly malformed?: boolean }[] }[];

/**
 * The calls a module's corpus replays as: every mapped call, and for a call that is a whole stream the same
 * stream through the stream operation — as captured (one text chunk), then re-chunked `rechunkings` times
 * as bytes, and once more with CRLF line ends (re-chunked), each case cut by its own seed derived from `seed`.
 */
export function replaysOf(orchestrator: Orchestrator, id: string, mapped: Mapped, seed: number, rechunkings: number): { calls: Replayed[]; streams: StreamTally } {
  const streams: StreamTally = { streams: 0, rechunked: 0, cuts: 0, inUtf8: 0, inCrlf: 0 };
  const ctx = (requestId: string, route: string): { requestId: string; tenant: string; route: string } => ({ requestId, tenant: 'replay', route });
  const calls = mapped.flatMap(({ c, calls: cs }, n) =>
    cs.flatMap((call, i): Replayed[] => {
      const base: Replayed = { requestId: `${c.id}#${i}`, label: call.label, malformed: call.malformed === true, run: () => orchestrator.call(id, call.operation, call.input, ctx(`${c.id}#${i}`, call.label)) };
      const form = streamFormOf(id, call);
      if (form === null) return [base];
      const label = `${form.operation}${call.label.startsWith(call.operation) ? call.label.slice(call.operation.length) : `/${call.label}`}`;
      const bytes = new TextEncoder().encode(form.text);
      const forms: { name: string; chunks: (string | Uint8Array)[] }[] = [{ name: 'captured', chunks: [form.text] }];
      for (let k = 0; k < rechunkings; k += 1) {
        const cut = rechunk(bytes, (Math.imul(seed, 1_000_003) + Math.imul(n, 7919) + k) >>> 0);
        streams.rechunked += 1;
        streams.cuts += cut.cuts.length;
        streams.inUtf8 += cut.inUtf8;
        streams.inCrlf += cut.inCrlf;
        forms.push({ name: `cut${k + 1}`, chunks: cut.chunks });
      }
      // The corpus has no CRLF-framed stream: the same text with CRLF line ends, re-chunked, puts cuts inside `\r\n` too.
      const crlf = rechunk(new TextEncoder().encode(form.text.replace(/\r?\n/g, '\r\n')), (Math.imul(seed, 1_000_003) + Math.imul(n, 7919) + rechunkings) >>> 0);
      streams.rechunked += 1;
      streams.cuts += crlf.cuts.length;
      streams.inUtf8 += crlf.inUtf8;
      streams.inCrlf += crlf.inCrlf;
      forms.push({ name: 'crlf', chunks: crlf.chunks });
      streams.streams += 1;
      const asStreams = forms.map(({ name, chunks }): Replayed => {
        const requestId = `${c.id}#${i}/${name}`;
        const route = `${label}/${name === 'captured' ? 'captured' : name === 'crlf' ? 'crlf-rechunked' : 'rechunked'}`;
        const run = async (): Promise<void> => {
          for await (const event of orchestrator.stream(id, form.operation, form.options, chunks, ctx(requestId, route))) void event;
        };
        return { requestId, label: route, malformed: call.malformed === true, run };
      });
      return [base, ...asStreams];
    }),
  );
  return { calls, streams };
}
