// The tools module's arbitraries, derived from the contract (src/contract.ts, src/contract-calls.ts)
// and hand-written for the edge cases the ported code has to get right.
export { callsInput, rawCallAny, rawCallDeterministic } from './arb/calls.js';
export { chatPayload, toolCall } from './arb/chat.js';
export { anyCallId, deterministicIdInput, presentCallId } from './arb/ids.js';
export { argumentsText, argumentsValue, patchText } from './arb/jsonish.js';
export { assistantMessage, markupText } from './arb/markup.js';
export { argumentsFor, registryCall, toolName } from './arb/registry.js';
export { commandLine, shellArgs } from './arb/shell.js';
export { freeText, spaceChar, word, ws } from './arb/text.js';
