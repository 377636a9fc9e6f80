// The judgement the module gives under the ruleset in force (rulesets/current.json, normalized pass):
// generated ids and clocks are normalized by its rules, exactly as the orchestrator compares.
import { rulesetView } from '@llms-wasm/module-kit/testing';
import { summarizeStreamDiff, type StreamDiffSummary } from '../../src/compare.js';
import type { DecodeOutput } from '../../src/contract.js';
import type { SseProtocolSection } from '../../src/sse-protocol.js';

const view = rulesetView('streaming', 'decode');

/** summarizeStreamDiff under the ruleset in force. */
export function judge(left: DecodeOutput, right: DecodeOutput): StreamDiffSummary {
  if (view === null) throw new Error('no ruleset in force');
  return summarizeStreamDiff(left, right, { ...view.normalized, sseProtocol: view.sseProtocol as SseProtocolSection });
}
