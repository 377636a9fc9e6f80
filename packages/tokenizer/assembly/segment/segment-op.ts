// The `segment` operation: Responses-style text or output in, { content, reasoning_content?, tokens } out,
// read from the input's tape and written straight into the result record.
import { JsonKind, JsonReader, JsonWriter } from '@llms-wasm/module-kit/assembly';
import { InputError } from '../input-error';
import { CollectedOutput, collectResponsesOutput, collectText } from './responses-output';
import { MODE_CHANNEL, MODE_DROP, MODE_TEXT, dispatchReasoning } from './dispatch-reasoning';
import { sanitizesToItself } from './unchanged-text';

function writeSegment(w: JsonWriter, type: string, content: string): void {
  w.beginObject().key('type').string(type).key('content').string(content).endObject();
}

function readMode(r: JsonReader, options: i32, errors: InputError): i32 {
  if (options < 0) return MODE_CHANNEL;
  const mode = r.get(options, 'reasoningMode');
  if (mode < 0) return MODE_CHANNEL;
  if (r.stringIs(mode, 'channel')) return MODE_CHANNEL;
  if (r.stringIs(mode, 'text')) return MODE_TEXT;
  if (r.stringIs(mode, 'drop')) return MODE_DROP;
  errors.fail('/options/reasoningMode', 'must be "channel", "text" or "drop"');
  return MODE_CHANNEL;
}

/**
 * Runs `segment` on a parsed input (node `input` of `r`) and writes the output with `w`; returns false
 * (with `errors` set, nothing valid written) for input the contract forbids.
 */
export function segmentOp(r: JsonReader, input: i32, w: JsonWriter, errors: InputError): bool {
  if (r.kind(input) != JsonKind.Object) {
    errors.fail('', 'must be an object');
    return false;
  }
  const options = r.get(input, 'options');
  if (options >= 0 && r.kind(options) != JsonKind.Object) {
    errors.fail('/options', 'must be an object');
    return false;
  }
  const mode = readMode(r, options, errors);
  if (errors.failed) return false;
  let prefix: string | null = null;
  const rawPrefix = options < 0 ? -1 : r.get(options, 'reasoningPrefix');
  if (rawPrefix >= 0) {
    if (r.kind(rawPrefix) != JsonKind.String) {
      errors.fail('/options/reasoningPrefix', 'must be a string');
      return false;
    }
    prefix = r.string(rawPrefix);
  }

  let collected: CollectedOutput;
  const text = r.get(input, 'text');
  const output = r.get(input, 'output');
  if (text >= 0) {
    if (r.kind(text) != JsonKind.String) {
      errors.fail('/text', 'must be a string');
      return false;
    }
    if (sanitizesToItself(r, text)) {
      // The content is the input text itself: copy its bytes (no decoding, no re-encoding).
      w.beginObject().key('content');
      const from = w.offset;
      w.node(r, text);
      const to = w.offset;
      w.key('tokens').beginArray().beginObject().key('type').string('text').key('content').again(from, to).endObject().endArray().endObject();
      return true;
    }
    collected = collectText(r.string(text));
  } else if (output >= 0) {
    if (r.kind(output) != JsonKind.Array) {
      errors.fail('/output', 'must be an array');
      return false;
    }
    collected = collectResponsesOutput(r, output);
  } else {
    errors.fail('', 'needs `text` or `output`');
    return false;
  }

  const dispatched = dispatchReasoning(collected.reasoning, mode, prefix);
  w.beginObject().key('content');
  const from = w.offset;
  w.string(collected.content); // written once, repeated as the text token's content
  const to = w.offset;
  if (collected.reasoning !== null) w.key('reasoning_content').string(changetype<string>(collected.reasoning));
  w.key('tokens').beginArray();
  if (dispatched.channel !== null) writeSegment(w, 'reasoning', changetype<string>(dispatched.channel));
  if (dispatched.appendToContent !== null) writeSegment(w, 'text', changetype<string>(dispatched.appendToContent));
  if (collected.content.length > 0) w.beginObject().key('type').string('text').key('content').again(from, to).endObject();
  w.endArray().endObject();
  return true;
}
