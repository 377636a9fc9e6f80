import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/gates/evaluate.js';
import { formatEvaluation, formatEvaluations } from '../../src/gates/format.js';
import { formatShare } from '../../src/gates/format-values.js';
import { loadLifecycleConfig } from '../../src/gates/load-gate-config.js';
import { initialModuleState } from '../../src/gates/lifecycle-state.js';
import { DAY, inputFor, T0 } from './helpers/windows.js';

const settings = loadLifecycleConfig({}, ['tokenizer']);
const NOW = T0 + 10 * DAY;
const canary = initialModuleState('tokenizer', 'canary', NOW - 3 * DAY);

describe('formatEvaluation', () => {
  it('prints each criterion with value, bound, threshold, samples and verdict, and the decision with its reasons', () => {
    const e = evaluate(
      inputFor(settings, canary, NOW, { gate: { acme: { calls: 60_000 }, globex: { calls: 60_000 }, tiny: { calls: 12 } }, recent: { acme: { calls: 2_000, diffs: 40 }, globex: { calls: 2_000 } } }, { topDiffPaths: [{ path: '/count', count: 40 }] }),
    );
    const text = formatEvaluation(e);
    const lines = text.split('\n');
    expect(lines[0]).toBe('tokenizer  stage canary  decision rollback tenant acme to ts_primary');
    expect(lines[1]).toBe('  at 2026-01-15T00:00:00Z  ruleset v1  module 1.0.0  wasm sha256:abc');
    expect(lines).toContain('  window 2026-01-12T00:00:00Z .. 2026-01-15T00:00:00Z: 120012 calls, 120012 compared');
    const header = lines.findIndex((l) => l.startsWith('  criterion'));
    expect(lines[header]?.split(/\s{2,}/).map((s) => s.trim()).filter(Boolean)).toEqual(['criterion', 'value', 'bound', 'threshold', 'samples', 'verdict']);
    const diff = lines.find((l) => l.trim().startsWith('diff_rate'))?.trim().split(/\s{2,}/);
    const c = e.criteria.find((x) => x.name === 'diff_rate')!;
    expect(diff).toEqual(['diff_rate', '0%', formatShare(c.bound!), '≤ 0.01%', '120012', 'pass']);
    expect(lines.find((l) => l.trim().startsWith('latency_delta'))).toMatch(/latency_delta\s+\+2\.\d+ms\s+\+2\.\d+ms\s+≤ \+10ms\s+120012\s+pass/);
    expect(lines.find((l) => l.trim().startsWith('observation'))).toMatch(/observation\s+3d\s+—\s+≥ 1d\s+120012\s+pass/);
    expect(text).toContain('  not yet covered: tenant tiny (12 of 200)');
    expect(text).toContain('  top diff paths: /count (40)');
    expect(text).toMatch(/ {2}alert \[critical\] diff_spike \(rolls back\): tokenizer tenant acme: diff rate 2% \(40\/2000, lower bound [\d.]+%\) is past 2 × its threshold 0\.01% \(0\.02%\)/);
    expect(text).toContain('  reasons:\n    - regression concentrated in tenant acme; the rest of the traffic is within its thresholds, so tenant acme is rolled back first');
    expect(formatEvaluation(e)).toBe(text);
  });

  it('says what is inconclusive and why, and counts decisions over modules', () => {
    const e = evaluate(inputFor(settings, initialModuleState('tokenizer', 'shadow', NOW - DAY), NOW, { gate: {}, recent: {} }));
    const text = formatEvaluation(e);
    expect(text.split('\n')[0]).toBe('tokenizer  stage shadow  decision hold');
    expect(text).toMatch(/diff_rate\s+—\s+—\s+≤ 0\.01%\s+0\s+inconclusive \(no data\)/);
    expect(text).toContain('  strata: none covered');
    expect(text).toContain('  alerts: none');
    expect(text).toContain('    - diff_rate inconclusive: value —, bound —, threshold ≤ 0.01% (no data)');
    expect(formatEvaluations([e, e]).split('\n').at(-1)).toBe('2 module(s): 0 promote, 2 hold, 0 rollback');
  });
});
