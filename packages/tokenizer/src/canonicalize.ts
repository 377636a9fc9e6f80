import { canonicalize, type CanonicalValue } from '@llms-wasm/module-kit';
import type { TokenizerContracts } from './operations.js';

/**
 * Canonical form of a tokenizer output. Both outputs are plain data whose order is meaningful
 * (`tokens` is a sequence), so the shared canonical JSON form is the whole canonicalizer.
 * @throws ModuleKitError `DATA_QUALITY` for values JSON cannot carry
 */
export function canonicalizeTokenizerOutput(operation: keyof TokenizerContracts & string, output: unknown): CanonicalValue {
  switch (operation) {
    case 'countTokens':
    case 'segment':
      return canonicalize(output);
  }
}
