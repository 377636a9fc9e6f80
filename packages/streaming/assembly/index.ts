// The streaming module's WebAssembly side: the llms-wasm ABI (docs/decisions/0002-wasm-abi.md) with one
// JSON operation and one stream operation (the shape of module-kit v2's stream contract):
//   decode(ptr, len)                 { protocol, sse, requestId?, model?, maxBytes?, now? } -> { protocol, events, result }
//   decode_open(ptr, len)            { protocol, requestId?, model?, maxBytes?, now? }      -> { session }
//   decode_push(session, ptr, len)   the next bytes                                         -> [events completed by them]
//   decode_finish(session)                                                                  -> { events, result } (session released)
//   decode_close(session)            releases a session (finished or not)
import { ByteSink, JsonObject, parseUtf8, utf8EncodeInto } from '../../module-kit/assembly/index';
import { STATUS_OK, resultFromBytes } from '../../module-kit/assembly/abi';
import { errorResult } from '../../module-kit/assembly/result';
import { DecodeSession } from './session/decode-session';
import { DecodeOptions, readOptions } from './session/options';
import { bindingFor, protocolName } from './session/protocols';

export { alloc, free, abiVersion } from '../../module-kit/assembly/abi';

const out = new ByteSink(1 << 16);
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

function newSession(o: DecodeOptions): DecodeSession {
  return new DecodeSession(o.protocol, o.maxBytes, bindingFor(o.protocol, o.requestId, o.model, o.now));
}

function budgetError(s: DecodeSession): usize {
  return errorResult('STREAM_BUDGET_EXCEEDED', 'the session received ' + s.received.toString() + ' bytes, its budget is ' + s.maxBytes.toString());
}

export function decode(ptr: usize, len: i32): usize {
  const opened = openOptions(ptr, len, true);
  if (opened.options === null) return opened.record;
  const o = changetype<DecodeOptions>(opened.options);
  const s = newSession(o);
  const text = new ByteSink(len);
  utf8EncodeInto(changetype<string>(o.sse), text);
  out.reset();
  out.writeAscii('{"protocol":"' + protocolName(o.protocol) + '","events":[');
  const ok = s.push(text.ptr, text.length, out);
  text.dispose();
  if (!ok) {
    s.dispose();
    return budgetError(s);
  }
  const before = out.length;
  result.reset();
  // finish() writes the last events without a leading comma; add one when both parts have events.
  const tail = new ByteSink(1024);
  s.finish(tail, result);
  if (tail.length > 0 && before > 0 && out.length > 0 && load<u8>(out.ptr + <usize>out.length - 1) != 0x5b) out.writeByte(0x2c);
  out.writeBytes(tail.ptr, tail.length);
  tail.dispose();
  out.writeAscii('],"result":');
  out.writeBytes(result.ptr, result.length);
  out.writeByte(0x7d);
  s.dispose();
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
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
  out.reset();
  out.writeAscii('{"session":' + (handle + 1).toString() + '}');
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

function sessionAt(handle: i32): DecodeSession | null {
  if (handle < 1 || handle > sessions.length) return null;
  return sessions[handle - 1];
}

function release(handle: i32): void {
  const s = sessionAt(handle);
  if (s === null) return;
  s.dispose();
  sessions[handle - 1] = null;
}

export function decode_push(handle: i32, ptr: usize, len: i32): usize {
  const s = sessionAt(handle);
  if (s === null) return errorResult('SESSION_CLOSED', 'no open session ' + handle.toString());
  out.reset();
  out.writeByte(0x5b);
  if (!s.push(ptr, len, out)) {
    const rec = budgetError(s);
    release(handle);
    return rec;
  }
  out.writeByte(0x5d);
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

export function decode_finish(handle: i32): usize {
  const s = sessionAt(handle);
  if (s === null) return errorResult('SESSION_CLOSED', 'no open session ' + handle.toString());
  out.reset();
  result.reset();
  out.writeAscii('{"events":[');
  s.finish(out, result);
  out.writeAscii('],"result":');
  out.writeBytes(result.ptr, result.length);
  out.writeByte(0x7d);
  release(handle);
  return resultFromBytes(STATUS_OK, out.ptr, out.length);
}

export function decode_close(handle: i32): void {
  release(handle);
}

/** Open sessions (for tests and the adapter's describe()). */
export function decode_sessions(): i32 {
  let n = 0;
  for (let i = 0; i < sessions.length; i++) if (sessions[i] !== null) n++;
  return n;
}
