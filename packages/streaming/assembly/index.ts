// The streaming module's WebAssembly side: the llms-wasm ABI (docs/decisions/0002-wasm-abi.md, ABI 2)
// with one stream operation and one JSON operation:
//   decode_open(ptr, len)            { protocol, requestId?, model?, maxBytes? }     -> { session }
//   decode_push(session, ptr, len)   the next bytes                                  -> [events completed by them]
//   decode_finish(session)                                                           -> { events, result } (session released)
//   decode_close(session)            releases a session (finished, failed or not)
//   decodeWhole(ptr, len)            { protocol, sse, requestId?, model?, maxBytes? } -> { events, result }
//   encode(ptr, len)                 { protocol: responses|chat|anthropic|gemini, response, requestId?, model? } -> { frames }
// Session state lives in linear memory behind its handle; each session is bounded by its byte budget.
import { ByteSink, JsonObject, STATUS_OK, beginRecord, endRecord, errorResult, output, parseUtf8, utf8EncodeInto } from '@llms-wasm/module-kit/assembly';
import { ENCODE_FAILED, STREAM_BUDGET_EXCEEDED } from './generated/errors';
import { encodeAnthropic } from './encode/anthropic';
import { Frames } from './encode/frames';
import { encodeGemini } from './encode/gemini';
import { encodeChat } from './encode/chat';
import { encodeResponses } from './encode/responses';
import { JsonValue, writeJsonString } from '@llms-wasm/module-kit/assembly';
import { DecodeSession } from './session/decode-session';
import { DecodeOptions, readOptions } from './session/options';
import { bindingFor } from './session/protocols';

export { alloc, free, abiVersion, inputBuffer } from '@llms-wasm/module-kit/assembly';

const result = new ByteSink(1 << 12);
const sessions = new Array<DecodeSession | null>();
const MAX_INPUT_BYTES: i32 = 256 << 20;

class Opened {
  constructor(public options: DecodeOptions | null, public record: usize) {}
}

function openOptions(ptr: usize, len: i32, whole: bool): Opened {
  if (len > MAX_INPUT_BYTES) return new Opened(null, errorResult('INPUT_TOO_LARGE', 'input is ' + len.toString() + ' bytes, the limit is ' + MAX_INPUT_BYTES.toString()));
  const parsed = parseUtf8(ptr, len);
  if (!parsed.ok) return new Opened(null, errorResult('BAD_JSON', parsed.error + ' at byte ' + parsed.offset.toString()));
  const obj = parsed.value.asObject();
  if (obj === null) return new Opened(null, errorResult('BAD_INPUT', 'input must be an object', '/'));
  const o = readOptions(changetype<JsonObject>(obj), whole);
  if (o.errorPath.length > 0) return new Opened(null, errorResult('BAD_INPUT', o.errorMessage, o.errorPath));
  return new Opened(o, 0);
}

/** The clock for the values llms takes from Date.now(): the host's `env.seed` import (Date.now() in module-kit's host). */
function now(): f64 {
  return Math.floor(seed());
}

function newSession(o: DecodeOptions): DecodeSession {
  return new DecodeSession(o.protocol, o.maxBytes, bindingFor(o.protocol, o.requestId, o.model, now()));
}

function budgetError(s: DecodeSession): usize {
  return errorResult(STREAM_BUDGET_EXCEEDED, 'the session received ' + s.received.toString() + ' bytes, its budget is ' + s.maxBytes.toString());
}

/** `{"events":[…],"result":…}` of a session that has taken all its input (`pushed` holds the events its pushes completed). */
function finishInto(s: DecodeSession, pushed: ByteSink | null): usize {
  result.reset();
  const tail = new ByteSink(1024);
  s.finish(tail, result);
  beginRecord();
  output.writeAscii('{"events":[');
  if (pushed !== null && pushed.length > 0) {
    output.writeBytes(pushed.ptr, pushed.length);
    if (tail.length > 0) output.writeByte(0x2c);
  }
  output.writeBytes(tail.ptr, tail.length);
  tail.dispose();
  output.writeAscii('],"result":');
  output.writeBytes(result.ptr, result.length);
  output.writeByte(0x7d);
  return endRecord(STATUS_OK);
}

export function decodeWhole(ptr: usize, len: i32): usize {
  const opened = openOptions(ptr, len, true);
  if (opened.options === null) return opened.record;
  const o = changetype<DecodeOptions>(opened.options);
  const s = newSession(o);
  const text = new ByteSink(len);
  utf8EncodeInto(changetype<string>(o.sse), text);
  const pushed = new ByteSink(4096);
  const ok = s.push(text.ptr, text.length, pushed);
  text.dispose();
  const rec = ok ? finishInto(s, pushed) : budgetError(s);
  pushed.dispose();
  s.dispose();
  return rec;
}

export function decode_open(ptr: usize, len: i32): usize {
  const opened = openOptions(ptr, len, false);
  if (opened.options === null) return opened.record;
  const s = newSession(changetype<DecodeOptions>(opened.options));
  let handle = -1;
  for (let i = 0; i < sessions.length; i++) {
    if (sessions[i] === null) {
      handle = i;
      break;
    }
  }
  if (handle < 0) {
    handle = sessions.length;
    sessions.push(s);
  } else sessions[handle] = s;
  beginRecord();
  output.writeAscii('{"session":' + (handle + 1).toString() + '}');
  return endRecord(STATUS_OK);
}

function sessionAt(handle: i32): DecodeSession | null {
  if (handle < 1 || handle > sessions.length) return null;
  return sessions[handle - 1];
}

function noSession(handle: i32): usize {
  return errorResult('SESSION_CLOSED', 'no open session ' + handle.toString());
}

export function decode_push(handle: i32, ptr: usize, len: i32): usize {
  const s = sessionAt(handle);
  if (s === null || s.failed) return noSession(handle);
  beginRecord();
  output.writeByte(0x5b);
  if (!s.push(ptr, len, output)) {
    // Over budget: the session's memory is released now; its handle stays until decode_close.
    s.fail();
    return budgetError(s);
  }
  output.writeByte(0x5d);
  return endRecord(STATUS_OK);
}

export function decode_finish(handle: i32): usize {
  const s = sessionAt(handle);
  if (s === null || s.failed) return noSession(handle);
  const rec = finishInto(s, null);
  release(handle);
  return rec;
}

function release(handle: i32): void {
  const s = sessionAt(handle);
  if (s === null) return;
  s.dispose();
  sessions[handle - 1] = null;
}

export function decode_close(handle: i32): void {
  release(handle);
}

/** Sessions holding a handle (open or failed, not yet closed). */
export function decode_sessions(): i32 {
  let n = 0;
  for (let i = 0; i < sessions.length; i++) if (sessions[i] !== null) n++;
  return n;
}

export function encode(ptr: usize, len: i32): usize {
  if (len > MAX_INPUT_BYTES) return errorResult('INPUT_TOO_LARGE', 'input is ' + len.toString() + ' bytes, the limit is ' + MAX_INPUT_BYTES.toString());
  const parsed = parseUtf8(ptr, len);
  if (!parsed.ok) return errorResult('BAD_JSON', parsed.error + ' at byte ' + parsed.offset.toString());
  const input = parsed.value.asObject();
  if (input === null) return errorResult('BAD_INPUT', 'input must be an object', '/');
  const keys = input.keys();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k != 'protocol' && k != 'response' && k != 'requestId' && k != 'model') return errorResult('BAD_INPUT', 'input/' + k + ' is not an allowed property', '/' + k);
  }
  const p = input.get('protocol');
  const protocol = p !== null && p.isString() ? changetype<string>(p.asString()) : '';
  if (protocol != 'anthropic' && protocol != 'gemini' && protocol != 'chat' && protocol != 'responses') return errorResult('BAD_INPUT', 'input/protocol must be one of responses, chat, anthropic, gemini', '/protocol');
  const response = input.get('response');
  if (response === null) return errorResult('BAD_INPUT', 'input/response is required', '/response');
  const r = input.get('requestId');
  if (r !== null && !r.isString()) return errorResult('BAD_INPUT', 'input/requestId must be a string', '/requestId');
  const m = input.get('model');
  if (m !== null && !m.isString()) return errorResult('BAD_INPUT', 'input/model must be a string', '/model');
  const requestId = r === null ? 'stream' : changetype<string>(r.asString());
  const f = new Frames();
  const body = changetype<JsonValue>(response);
  const refused =
    protocol == 'anthropic' ? encodeAnthropic(body, requestId, f) : protocol == 'chat' ? encodeChat(body, now(), f) : protocol == 'responses' ? encodeResponses(body, now(), f) : encodeGemini(body, f);
  if (refused !== null) return errorResult(ENCODE_FAILED, refused);
  beginRecord();
  output.writeAscii('{"frames":[');
  for (let i = 0; i < f.list.length; i++) {
    if (i > 0) output.writeByte(0x2c);
    writeJsonString(output, f.list[i]);
  }
  output.writeAscii(']}');
  return endRecord(STATUS_OK);
}
