import type { RuntimeInstance } from '@llms-wasm/module-kit';
import type { TokenizerContracts } from './operations.js';
import { upstreamPackage } from '@llms-wasm/module-kit';
import { LLMS_PACKAGE, LLMS_TOKEN_COUNTER, bindCountTokens } from './internal/ts-count.js';
import { REASONING_DISPATCHER, SEGMENT_BRIDGE, bindSegment } from './internal/ts-segment.js';

/**
 * The TypeScript runtime: every operation bound to llms code that runs on Linux (see the README's
 * "llms binding" table).
 * @throws (at load) when llms cannot be imported; reported by module-kit as `RUNTIME_INIT_FAILED`
 */
export async function createTsRuntime(): Promise<RuntimeInstance<TokenizerContracts>> {
  const { countTokens, encodingsLoaded } = await bindCountTokens();
  const segment = await bindSegment();
  const llms = [upstreamPackage(LLMS_PACKAGE, import.meta.url), upstreamPackage('rcc-llmswitch-core', import.meta.url)];
  const upstream = Object.fromEntries(llms.map((p) => [p.name, p.version]));
  return {
    operations: { countTokens, segment },
    facts: () => ({
      bindings: {
        countTokens: `${LLMS_PACKAGE}@${upstream[LLMS_PACKAGE]} ${LLMS_TOKEN_COUNTER} countRequestTokens (+ its tiktoken for text; encoders loaded: ${encodingsLoaded().join(', ') || 'none'})`,
        segment: `${SEGMENT_BRIDGE} + ${LLMS_PACKAGE}@${upstream[LLMS_PACKAGE]} ${REASONING_DISPATCHER} dispatchReasoning`,
      },
      upstream,
    }),
  };
}
