import { canonicalize, type CanonicalValue } from '@llms-wasm/module-kit';
import type { StreamingContracts } from './operations.js';

/**
 * Canonical form of a streaming output: the shared canonical JSON (keys sorted). Event order and
 * ordinals are meaningful and kept; ids and clocks are left to ruleset rules (ruleset-proposal.json).
 * @throws ModuleKitError `DATA_QUALITY` for values JSON cannot carry
 */
export function canonicalizeStreamingOutput(operation: keyof StreamingContracts & string, output: unknown): CanonicalValue {
  switch (operation) {
    case 'decode':
    case 'decodeWhole':
    case 'encode':
      return canonicalize(output);
  }
}
