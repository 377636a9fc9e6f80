import type { RuntimeInstance } from '@llms-wasm/module-kit';
import type { DecodeOptions } from './contract.js';
import { LLMS_042, LLMS_06, installedVersion } from './internal/llms-binding.js';
import { loadDecodeCodecs } from './internal/llms-codecs.js';
import { TsDecodeSession } from './internal/ts-session.js';
import type { StreamingContracts } from './operations.js';
import { decodeWhole } from './runtime.js';
import { ENCODE_BINDINGS, encodeWithLlms } from './encode-llms.js';

/**
 * The TypeScript runtime: each protocol's decode bound to the llms code that runs on Linux (README,
 * "llms binding"). A session feeds the llms framing/parser (events) and converter (result).
 * @throws (at load) when llms cannot be imported; reported by module-kit as `RUNTIME_INIT_FAILED`
 */
export async function createTsRuntime(): Promise<RuntimeInstance<StreamingContracts>> {
  const codecs = await loadDecodeCodecs();
  const open = (options: DecodeOptions): TsDecodeSession => new TsDecodeSession(codecs[options.protocol], options);
  return {
    operations: { decode: { open }, decodeWhole: (input) => decodeWhole(open, input), encode: (input) => encodeWithLlms(input) },
    facts: () => ({
      bindings: {
        ...Object.fromEntries(Object.entries(codecs).map(([p, c]) => [`decode/${p}`, c.binding])),
        'encode/responses': ENCODE_BINDINGS.responses,
        'encode/chat': ENCODE_BINDINGS.chat,
        'encode/anthropic': ENCODE_BINDINGS.anthropic,
        'encode/gemini': ENCODE_BINDINGS.gemini,
      },
      upstream: { [LLMS_06]: installedVersion(LLMS_06), [LLMS_042]: installedVersion(LLMS_042) },
    }),
  };
}
