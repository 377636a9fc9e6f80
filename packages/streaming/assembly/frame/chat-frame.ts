// Chat framing as rcc-llmswitch-core 0.4.2's ChatSseToJsonConverter#ensureEventStream does it (on
// CRLF-normalized text): a frame is trimmed; its `event:` and `data:` lines (last one wins, values
// trimmed, lines themselves not trimmed) give the event; a frame without an event name is the error
// "SSE event type is required".
import { jsTrim, utf8Decode } from '@llms-wasm/module-kit/assembly';
import { skipWs, trimWsEnd } from './bytes';

export class ChatFrame {
  ok: bool = false;
  type: string = '';
  data: string = '';
}

function startsWith(s: usize, e: usize, lit: string): bool {
  const n = lit.length;
  if (<i32>(e - s) < n) return false;
  for (let i = 0; i < n; i++) if (<u32>load<u8>(s + <usize>i) != <u32>lit.charCodeAt(i)) return false;
  return true;
}

/** Frames [s, e) (already known not to be blank after trimming). */
export function parseChatFrame(s: usize, e: usize, out: ChatFrame): void {
  const ts = skipWs(s, e);
  const te = trimWsEnd(ts, e);
  let hasEvent = false;
  let eventStart: usize = 0;
  let eventEnd: usize = 0;
  let dataStart: usize = 0;
  let dataEnd: usize = 0;
  let p = ts;
  while (p <= te) {
    let q = p;
    while (q < te && load<u8>(q) != 0x0a) q++;
    if (startsWith(p, q, 'event:')) {
      eventStart = skipWs(p + 6, q);
      eventEnd = trimWsEnd(eventStart, q);
      hasEvent = true;
    } else if (startsWith(p, q, 'data:')) {
      dataStart = skipWs(p + 5, q);
      dataEnd = trimWsEnd(dataStart, q);
    }
    p = q + 1;
  }
  out.ok = hasEvent && eventEnd > eventStart;
  out.type = out.ok ? utf8Decode(eventStart, <i32>(eventEnd - eventStart)) : '';
  out.data = utf8Decode(dataStart, <i32>(dataEnd - dataStart));
}

export { jsTrim };
