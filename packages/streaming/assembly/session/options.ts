// Decode options from JSON ({ protocol, requestId?, model?, maxBytes? }), checked field by field.
import { JsonObject, JsonValue } from '@llms-wasm/module-kit/assembly';
import { protocolId } from './protocols';

export const DEFAULT_MAX_BYTES: i64 = 64 * 1024 * 1024;
const MAX_MAX_BYTES: f64 = 1024 * 1024 * 1024;

export class DecodeOptions {
  protocol: i32 = -1;
  requestId: string = 'stream';
  model: string | null = null;
  maxBytes: i64 = DEFAULT_MAX_BYTES;
  /** `sse` of the whole-input decode. */
  sse: string | null = null;
  errorPath: string = '';
  errorMessage: string = '';

  fail(path: string, message: string): DecodeOptions {
    if (this.errorPath.length == 0) {
      this.errorPath = path;
      this.errorMessage = 'input' + path + ' ' + message;
    }
    return this;
  }
}

/** Reads the options; `whole` accepts (and requires) `sse`. */
export function readOptions(input: JsonObject, whole: bool): DecodeOptions {
  const o = new DecodeOptions();
  const keys = input.keys();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k != 'protocol' && k != 'requestId' && k != 'model' && k != 'maxBytes' && !(whole && k == 'sse')) return o.fail('/' + k, 'is not an allowed property');
  }
  const p = input.get('protocol');
  if (p === null || !p.isString()) return o.fail('/protocol', 'must be one of responses, chat, anthropic, gemini');
  o.protocol = protocolId(changetype<string>(p.asString()));
  if (o.protocol < 0) return o.fail('/protocol', 'must be one of responses, chat, anthropic, gemini');
  const r = input.get('requestId');
  if (r !== null) {
    if (!r.isString()) return o.fail('/requestId', 'must be a string');
    o.requestId = changetype<string>(r.asString());
  }
  const m = input.get('model');
  if (m !== null) {
    if (!m.isString()) return o.fail('/model', 'must be a string');
    o.model = m.asString();
  }
  const b = input.get('maxBytes');
  if (b !== null) {
    const x = b.asNumber();
    if (!b.isNumber() || x != Math.floor(x) || x < 1 || x > MAX_MAX_BYTES) return o.fail('/maxBytes', 'must be an integer from 1 to 1073741824');
    o.maxBytes = <i64>x;
  }
  if (whole) {
    const s = input.get('sse');
    if (s === null || !s.isString()) return o.fail('/sse', 'must be a string');
    o.sse = s.asString();
  }
  return o;
}

export { JsonValue };
