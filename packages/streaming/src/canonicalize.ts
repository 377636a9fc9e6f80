import { canonicalize, type CanonicalValue } from '@llms-wasm/module-kit';
import type { EncodeOutput } from './contract.js';
import type { StreamingContracts } from './operations.js';

/**
 * Canonical form of a streaming output: the shared canonical JSON (keys sorted); encoded frames are
 * split into event, data and id first. Event order and ordinals are meaningful and kept; ids and clocks
 * are left to ruleset rules (rulesets/diff_ruleset_v3.json).
 * @throws ModuleKitError `DATA_QUALITY` for values JSON cannot carry
 */
export function canonicalizeStreamingOutput(operation: keyof StreamingContracts & string, output: unknown): CanonicalValue {
  switch (operation) {
    case 'decode':
    case 'decodeWhole':
      return canonicalize(output);
    case 'encode':
      return canonicalize(frameView(output as EncodeOutput));
  }
}

const FRAME = /^event: ([^\n]*)\ndata: ([^\n]*)\n(?:id: ([^\n]*)\n)?\n$/;

/**
 * Encoded frames as `{ event, data, id? }` (data JSON-parsed where it parses), so the ruleset's rules
 * reach the generated values inside them (`req_<ms>` ids, `created`, `id:` lines). A frame of any other
 * shape stays `{ raw }`: nothing is dropped.
 */
function frameView(output: EncodeOutput): unknown {
  const frames = output.frames.map((text) => {
    const m = FRAME.exec(text);
    if (!m) return { raw: text };
    let data: unknown = m[2];
    try {
      data = JSON.parse(m[2] as string);
    } catch {
      // data that is not JSON ([DONE]) is compared as text
    }
    return { event: m[1], data, ...(m[3] === undefined ? {} : { id: m[3] }) };
  });
  return { frames, ...(output.error === undefined ? {} : { error: output.error }) };
}
