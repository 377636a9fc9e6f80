// The Begin-Patch test extract-patch.js applies to normalized text.
import { hasBeginPatchLine } from './looks-like';

/** /^(?:\s*)\*\*\*\s*Begin Patch\b/m.test(text) */
export function isBeginPatchText(text: string): bool {
  return hasBeginPatchLine(text);
}
