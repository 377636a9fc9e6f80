import type { DecodeOptions } from './contract.js';
import { loadDecodeCodecs } from './internal/llms-codecs.js';
import { assertDecodeOptions } from './internal/options-guard.js';
import { TsDecodeSession } from './internal/ts-session.js';
import { decodeWhole, type StreamingRuntime } from './runtime.js';

/**
 * The TypeScript runtime: each protocol's decode bound to the llms code that runs on Linux (README,
 * "llms binding"). Sessions feed the llms framing/parser (events) and converter (aggregate).
 * @throws (at load) when llms cannot be imported; reported by module-kit as `RUNTIME_INIT_FAILED`
 */
export async function createTsRuntime(): Promise<StreamingRuntime> {
  const codecs = await loadDecodeCodecs();
  const open = (options: DecodeOptions): TsDecodeSession => {
    assertDecodeOptions(options, 'ts');
    return new TsDecodeSession(codecs[options.protocol], options);
  };
  return {
    operations: { decode: (input) => decodeWhole(open, input) },
    streams: { decode: { open } },
    describe: () => ({ bindings: Object.fromEntries(Object.entries(codecs).map(([p, c]) => [`decode/${p}`, c.binding])) }),
  };
}
