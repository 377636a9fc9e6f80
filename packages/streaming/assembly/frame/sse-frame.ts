// One frame through llms's shared SSE parser (dist/sse/sse-to-json/parsers/sse-parser.js, parseSseEvent),
// on valid UTF-8 bytes: lines split on LF and trimmed, `field: value` with one optional space,
// data lines joined with LF, default type `message`, (0.6 only) the type inferred from the data's
// `type`, the 1 MiB size limit in UTF-16 units, the allowed-type check, data JSON-parsed with
// `[DONE]` kept and bad JSON turned into an `error` event. See docs/llms-facts.md, "Framing".
import { ByteSink, JsonValue, jsonNull, jsonObject, jsonString, jsTrim, parseUtf8, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { indexOfNewline, skipWs, spanIs, trimWsEnd, utf16Length } from './bytes';
import { typeAllowed, typeName } from './type-cache';

export const MAX_EVENT_SIZE: i32 = 1024 * 1024;

/** Which parser: 0.4.2's (no type inference) or 0.6's, and the event types it accepts. */
export class ParserConfig {
  constructor(public readonly allowed: Set<string>, public readonly inferType: bool) {}
}

/** What the parser made of one frame: an event (type + data) or a refusal. */
export class ParsedFrame {
  ok: bool = false;
  type: string = '';
  /** The parsed data, when `parsed` (always for refused-JSON and `[DONE]` frames, else see `dataLen`). */
  data: JsonValue = jsonNull();
  parsed: bool = false;
  error: string = '';
  /** The raw data text (joined data lines), valid until the next frame. */
  dataPtr: usize = 0;
  dataLen: i32 = 0;
}

/** Parses the frame's data the way the parser's createBaseEvent does (when parseFrame left it unparsed). */
export function parseFrameData(out: ParsedFrame): void {
  if (out.parsed) return;
  out.parsed = true;
  const r = parseUtf8(out.dataPtr, out.dataLen);
  if (r.ok) {
    out.data = r.value;
    return;
  }
  invalidJson(out);
}

/** The recovery createBaseEvent applies to data that is not JSON. */
export function invalidJson(out: ParsedFrame): void {
  const bad = jsonObject();
  bad.set('error', jsonString('Invalid JSON'));
  bad.set('raw', jsonString(utf8Decode(out.dataPtr, out.dataLen)));
  out.data = bad;
  out.type = 'error';
  out.parsed = true;
}

const dataSink = new ByteSink(1024);

class Spans {
  eventStart: usize = 0;
  eventEnd: usize = 0;
  hasEvent: bool = false;
  dataStart: usize = 0;
  dataEnd: usize = 0;
  dataLines: i32 = 0; // data values appended so far (after the "empty data is replaced" rule)
}

const spans = new Spans();

/** Parses the frame [s, e) (without its terminating blank line) into `out`. */
export function parseFrame(s: usize, e: usize, config: ParserConfig, out: ParsedFrame): void {
  out.ok = false;
  out.data = jsonNull();
  out.parsed = false;
  out.error = '';
  out.dataPtr = 0;
  out.dataLen = 0;
  const sp = spans;
  sp.hasEvent = false;
  sp.dataLines = 0;
  sp.dataStart = 0;
  sp.dataEnd = 0;
  dataSink.reset();
  let lines = 0;
  let p = s;
  while (p <= e) {
    const q = indexOfNewline(p, e);
    const ls = skipWs(p, q);
    const le = trimWsEnd(ls, q);
    if (le > ls) {
      lines++;
      fieldLine(ls, le, sp);
    }
    p = q + 1;
  }
  if (lines == 0) {
    out.error = 'Invalid SSE event format';
    return;
  }
  const dataLen = sp.dataLines > 1 ? dataSink.length : <i32>(sp.dataEnd - sp.dataStart);
  const dataPtr = sp.dataLines > 1 ? dataSink.ptr : sp.dataStart;
  const typeLen = <i32>(sp.eventEnd - sp.eventStart);
  let type = sp.hasEvent ? typeName(sp.eventStart, typeLen) : 'message';
  let typeFromBytes = sp.hasEvent;
  let parsed: JsonValue | null = null;
  let parsedOk = false;
  let triedParse = false;
  const isDone = spanIs(dataPtr, dataPtr + <usize>dataLen, '[DONE]');
  // Only the 0.6 parser looks into the data before its checks (to infer the type).
  if (config.inferType && (type.length == 0 || type == 'message') && dataLen > 0 && !isDone) {
    const r = parseUtf8(dataPtr, dataLen);
    triedParse = true;
    parsedOk = r.ok;
    if (r.ok) parsed = r.value;
  }
  if (parsedOk) {
    const obj = changetype<JsonValue>(parsed).asObject();
    if (obj !== null) {
      const t = obj.get('type');
      if (t !== null && t.isString()) {
        const trimmed = jsTrim(changetype<string>(t.asString()));
        if (trimmed.length > 0 && config.allowed.has(trimmed)) {
          type = trimmed;
          typeFromBytes = false;
        }
      }
    }
  }
  // UTF-16 units never outnumber UTF-8 bytes: only a frame of more bytes than the limit can exceed it.
  const size = <i32>(e - s) > MAX_EVENT_SIZE ? utf16Length(s, e) : 0;
  if (size > MAX_EVENT_SIZE) {
    out.error = 'Event size ' + size.toString() + ' exceeds maximum ' + MAX_EVENT_SIZE.toString();
    return;
  }
  if (!(typeFromBytes ? typeAllowed(sp.eventStart, typeLen, type, config.allowed) : config.allowed.has(type))) {
    out.error = 'Invalid event type: ' + type;
    return;
  }
  out.ok = true;
  out.type = type;
  out.dataPtr = dataPtr;
  out.dataLen = dataLen;
  if (dataLen == 0) {
    out.parsed = true;
    return;
  }
  if (isDone) {
    out.data = jsonString('[DONE]');
    out.parsed = true;
  } else if (parsedOk) {
    out.data = changetype<JsonValue>(parsed);
    out.parsed = true;
  } else if (triedParse) {
    invalidJson(out);
  }
}

/** One trimmed, non-empty line `field: value`. */
function fieldLine(ls: usize, le: usize, sp: Spans): void {
  let colon = ls;
  while (colon < le && load<u8>(colon) != 0x3a) colon++;
  let fs = ls;
  let fe = colon;
  let vs = le;
  let ve = le;
  if (colon < le) {
    fs = skipWs(ls, colon);
    fe = trimWsEnd(fs, colon);
    if (colon + 1 < le && load<u8>(colon + 1) == 0x20) {
      vs = colon + 2;
    } else {
      vs = skipWs(colon + 1, le);
      ve = trimWsEnd(vs, le);
    }
  }
  if (fe == fs) return; // `: comment` and other lines without a field name
  if (spanIs(fs, fe, 'event')) {
    sp.hasEvent = true;
    sp.eventStart = vs;
    sp.eventEnd = ve;
  } else if (spanIs(fs, fe, 'data')) {
    appendData(vs, ve, sp);
  }
}

/** `data = data ? data + '\n' + value : value` */
function appendData(vs: usize, ve: usize, sp: Spans): void {
  const current = sp.dataLines > 1 ? dataSink.length : <i32>(sp.dataEnd - sp.dataStart);
  if (current == 0) {
    sp.dataStart = vs;
    sp.dataEnd = ve;
    sp.dataLines = 1;
    dataSink.reset();
    return;
  }
  if (sp.dataLines == 1) {
    dataSink.reset();
    dataSink.writeBytes(sp.dataStart, <i32>(sp.dataEnd - sp.dataStart));
  }
  dataSink.writeByte(0x0a);
  dataSink.writeBytes(vs, <i32>(ve - vs));
  sp.dataLines = 2;
}
