// One decode session: bytes in (normalized to UTF-8 as TextDecoder would decode them), complete frames
// out as canonical events, the decoder fed as frames complete, the aggregate at finish. Bounded by its
// byte budget; its raw buffers are released by dispose().
import { ByteSink, JsonObject, JsonValue, jsonObject, jsonString, parse, stringifyInto, writeJsonString } from '@llms-wasm/module-kit/assembly';
import { findBlankLine, skipWs } from '../frame/bytes';
import { ParsedFrame, parseFrame, parseFrameData } from '../frame/sse-frame';
import { FastDeltas } from './fast-deltas';
import { writeUint } from './byte-digest';
import { ChatFrame, parseChatFrame } from '../frame/chat-frame';
import { Binding, protocolName } from './protocols';
import { P_RESPONSES, tokenDigest } from './tokens';
import { Utf8Normalizer } from './utf8-normalizer';

const frame = new ParsedFrame();
const chatFrame = new ChatFrame();

export class DecodeSession {
  private readonly norm: Utf8Normalizer = new Utf8Normalizer();
  private readonly fast: FastDeltas = new FastDeltas();
  private readonly buf: ByteSink = new ByteSink(4096);
  private start: i32 = 0;
  private scanFrom: i32 = 0;
  private ordinal: i32 = 0;
  private written: i32 = 0; // events written to the current output array
  private stopped: bool = false; // chat framing threw: nothing after it is framed
  received: i64 = 0;
  /** Over budget: nothing more is accepted; the buffers are already released. */
  failed: bool = false;

  constructor(public readonly protocol: i32, public readonly maxBytes: i64, private readonly binding: Binding) {}

  /** Takes [ptr, ptr+len); appends the completed events (comma-separated) to `out`. False when over budget. */
  push(ptr: usize, len: i32, out: ByteSink): bool {
    this.received += <i64>len;
    if (this.received > this.maxBytes) return false;
    this.written = 0;
    const before = this.buf.length;
    this.norm.push(ptr, len, this.buf);
    if (this.binding.parser === null) this.crlf(before);
    this.frames(out);
    this.compact();
    return true;
  }

  /** Ends the input: the last frame's events go to `events`, the aggregate JSON to `result`. */
  finish(events: ByteSink, result: ByteSink): void {
    this.written = 0;
    const before = this.buf.length;
    this.norm.end(this.buf);
    if (this.binding.parser === null) this.crlf(before);
    this.frames(events);
    const s = this.buf.ptr + <usize>this.start;
    const e = this.buf.ptr + <usize>this.buf.length;
    if (skipWs(s, e) < e) this.frameAt(s, e, events);
    const outcome = this.binding.decoder.finish();
    result.writeAscii('{"protocol":"' + protocolName(this.protocol) + '",');
    if (outcome.ok) {
      result.writeAscii('"status":"ok","response":');
      stringifyInto(result, changetype<JsonValue>(outcome.response));
      result.writeByte(0x7d);
    } else {
      result.writeAscii('"status":"failed","code":');
      writeJsonString(result, outcome.code);
      result.writeAscii(',"message":');
      writeJsonString(result, outcome.message);
      result.writeByte(0x7d);
    }
  }

  dispose(): void {
    this.buf.dispose();
    this.binding.decoder.dispose();
  }

  /** Marks the session failed and releases its buffers (its handle is released by decode_close). */
  fail(): void {
    this.failed = true;
    this.buf.dispose();
    this.binding.decoder.dispose();
  }

  private frames(out: ByteSink): void {
    const base = this.buf.ptr;
    for (;;) {
      const from = this.scanFrom > this.start ? this.scanFrom : this.start;
      const idx = findBlankLine(base, from, this.buf.length);
      if (idx < 0) {
        const last = this.buf.length - 1;
        this.scanFrom = last > this.start ? last : this.start;
        return;
      }
      this.frameAt(base + <usize>this.start, base + <usize>idx, out);
      this.start = idx + 2;
    }
  }

  /** Chat's CRLF -> LF over the bytes from `before` on (a CR ending the previous push may pair with them). */
  private crlf(before: i32): void {
    const base = this.buf.ptr;
    const len = this.buf.length;
    let r = before > this.start ? before - 1 : this.start;
    if (r < this.start) r = this.start;
    let w = r;
    while (r < len) {
      const b = load<u8>(base + <usize>r);
      if (b == 0x0d && r + 1 < len && load<u8>(base + <usize>r + 1) == 0x0a) {
        r++;
        continue;
      }
      store<u8>(base + <usize>w, b);
      w++;
      r++;
    }
    this.buf.length = w;
    const from = before - 2;
    if (this.scanFrom > from) this.scanFrom = from > this.start ? from : this.start;
  }

  private chatFrameAt(s: usize, e: usize, out: ByteSink): void {
    if (this.stopped || skipWs(s, e) == e) return;
    parseChatFrame(s, e, chatFrame);
    if (!chatFrame.ok) {
      const payload = jsonObject();
      payload.set('error', jsonString('SSE event type is required'));
      this.writeEvent(out, 'framing_error', payload);
      this.binding.decoder.onFramingError('SSE event type is required');
      this.stopped = true;
      return;
    }
    const r = parse(chatFrame.data);
    this.writeEvent(out, chatFrame.type, r.ok ? r.value : jsonString(chatFrame.data));
    this.binding.decoder.onChat(chatFrame.type, chatFrame.data);
  }

  private frameAt(s: usize, e: usize, out: ByteSink): void {
    const parser = this.binding.parser;
    if (parser === null) {
      this.chatFrameAt(s, e, out);
      return;
    }
    parseFrame(s, e, parser, frame);
    if (frame.ok) {
      if (!frame.parsed) {
        if (this.protocol == P_RESPONSES && (this.fast.responsesDelta(frame, this.ordinal, this.written > 0, out, this.binding.decoder) || this.fast.responsesEvent(frame, this.ordinal, this.written > 0, out, this.binding.decoder))) {
          this.ordinal++;
          this.written++;
          return;
        }
        parseFrameData(frame);
      }
      this.writeEvent(out, frame.type, frame.data);
      this.binding.decoder.onEvent(frame.type, frame.data);
    } else {
      const payload = jsonObject();
      payload.set('error', jsonString(frame.error));
      this.writeEvent(out, 'rejected', payload);
      this.binding.decoder.onRejected(frame.error);
    }
  }

  private writeEvent(out: ByteSink, type: string, payload: JsonValue): void {
    if (this.written > 0) out.writeByte(0x2c);
    this.written++;
    out.writeAscii('{"event_type":');
    writeJsonString(out, type);
    out.writeAscii(',"ordinal_index":');
    writeUint(out, this.ordinal);
    this.ordinal++;
    out.writeAscii(',"normalized_payload":');
    stringifyInto(out, payload);
    out.writeAscii(',"token_digest":');
    const digest = tokenDigest(this.protocol, type, payload);
    if (digest === null) out.writeAscii('null');
    else writeJsonString(out, digest);
    out.writeByte(0x7d);
  }

  /** Moves the unconsumed tail to the front of the buffer. */
  private compact(): void {
    if (this.start == 0) return;
    const rest = this.buf.length - this.start;
    memory.copy(this.buf.ptr, this.buf.ptr + <usize>this.start, <usize>rest);
    this.buf.length = rest;
    this.scanFrom = this.scanFrom > this.start ? this.scanFrom - this.start : 0;
    this.start = 0;
  }
}

export { JsonObject };
