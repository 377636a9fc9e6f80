// A plain-text rendering of evaluations, for `llms-wasm gates`. Pure: the same evaluation always
// prints the same text.
import type { Criterion, Decision, Evaluation } from './evaluation.js';
import { formatScope, formatTime, formatValue } from './format-values.js';

const HEADER = ['criterion', 'value', 'bound', 'threshold', 'samples', 'verdict'] as const;

function criterionRow(c: Criterion): string[] {
  const signed = c.name === 'latency_delta';
  const limit = c.limit === 'max' ? '≤ ' : '≥ ';
  return [c.name, formatValue(c.value, c.unit, signed), formatValue(c.bound, c.unit, signed), limit + formatValue(c.threshold, c.unit, signed), String(c.samples), c.verdict + (c.note === null ? '' : ` (${c.note})`)];
}

function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

function decisionLine(e: Evaluation, d: Decision): string {
  switch (d.action) {
    case 'promote':
      return `promote to ${d.to ?? '?'}${d.approval === 'required' ? ' (ready, waiting for approval)' : ' (automatic)'}`;
    case 'rollback':
      return `rollback ${d.scopes.map((s) => formatScope(s, e.module)).join(', ')} to ts_primary`;
    case 'hold':
      return 'hold';
  }
}

/** One evaluation as text: the module and stage, each criterion, strata, alerts, budget and the decision with its reasons. */
export function formatEvaluation(e: Evaluation): string {
  const lines: string[] = [];
  lines.push(`${e.module}  stage ${e.stage}  decision ${decisionLine(e, e.decision)}`);
  lines.push(`  at ${formatTime(e.at)}  ruleset ${e.facts.rulesetVersion}  module ${e.facts.moduleVersion}  wasm ${e.facts.wasmDigest ?? 'not loaded'}`);
  lines.push(`  window ${formatTime(e.window.from)} .. ${formatTime(e.window.to)}: ${e.samples.calls} calls, ${e.samples.compared} compared`);
  lines.push(`  recent ${formatTime(e.recentWindow.from)} .. ${formatTime(e.recentWindow.to)}: ${e.samples.recentCalls} calls, ${e.samples.recentCompared} compared`);
  lines.push(...table([HEADER, ...e.criteria.map(criterionRow)], '  '));
  lines.push(`  streak ${e.streak.passes} of ${e.streak.required} passing evaluations in a row${e.streak.counted ? ' (this one counted)' : ''}`);
  const strata = e.strata.evaluated.map((s) => `${s.kind} ${s.id} ${s.verdict} (${s.samples})`);
  lines.push(`  strata: ${strata.length === 0 ? 'none covered' : strata.join(', ')}`);
  for (const s of e.strata.evaluated.filter((x) => x.verdict === 'fail')) {
    lines.push(`    ${s.kind} ${s.id}:`);
    lines.push(...table([HEADER, ...s.criteria.map(criterionRow)], '      '));
  }
  if (e.strata.notCovered.length > 0) lines.push(`  not yet covered: ${e.strata.notCovered.map((s) => `${s.kind} ${s.id} (${s.samples} of ${s.needed})`).join(', ')}`);
  const b = e.errorBudget;
  lines.push(`  error budget: ${b.failures} failures of ${Number(b.allowed.toFixed(2))} allowed${b.burn === null ? ' (none allowed)' : ` (${Number((b.burn * 100).toFixed(1))}% burned)`}${b.exhausted ? ', exhausted' : ''}`);
  if (e.facts.topDiffPaths.length > 0) lines.push(`  top diff paths: ${e.facts.topDiffPaths.map((p) => `${p.path} (${p.count})`).join(', ')}`);
  for (const s of e.scopedRollbacks) lines.push(`  rolled back: ${s.kind} ${s.id} ${s.phase === 'cooldown' ? 'in cool-down' : `shadowing, ${s.passes} of ${s.required} clean${s.release ? ', released now' : ''}`}`);
  if (e.alerts.length === 0) lines.push('  alerts: none');
  else for (const a of e.alerts) lines.push(`  alert [${a.severity}] ${a.rule}${a.rollback ? ' (rolls back)' : ''}: ${a.message}`);
  lines.push('  reasons:');
  for (const reason of e.decision.reasons) lines.push(`    - ${reason}`);
  return lines.join('\n');
}

/** Several evaluations, separated by a blank line, with a final line per decision count. */
export function formatEvaluations(evaluations: readonly Evaluation[]): string {
  const counts = { promote: 0, hold: 0, rollback: 0 };
  for (const e of evaluations) counts[e.decision.action] += 1;
  const summary = `${evaluations.length} module(s): ${counts.promote} promote, ${counts.hold} hold, ${counts.rollback} rollback`;
  return [...evaluations.map(formatEvaluation), summary].join('\n\n');
}
