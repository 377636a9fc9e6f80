import { readStatus, type InstanceStatus, type StatusReport } from '@llms-wasm/orchestrator';
import { table } from '../format.js';
import type { CliIo } from '../io.js';
import { KNOWN_MODULES } from '../known-modules.js';
import { storeTarget } from './store-target.js';

/** Options of `llms-wasm status`. */
export interface StatusOptions {
  readonly db?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly io: CliIo;
  /** When stale heartbeats are judged (default now). */
  readonly now?: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

function runtimes(instance: InstanceStatus): string {
  return Object.entries(instance.runtimes)
    .map(([id, r]) => `${id} ts ${r.ts.state}${r.ts.reason ? ` (${r.ts.reason})` : ''}, wasm ${r.wasm.state}${r.wasm.reason ? ` (${r.wasm.reason})` : ''}`)
    .join('; ');
}

/** The report as text: modules, overrides in force, instances. `withConfig`: the modes include a config's scopes. */
export function formatStatus(report: StatusReport, withConfig = true): string {
  const lines: string[] = [`store: ${report.store.path ?? '(none)'} (schema ${report.store.schemaVersion ?? '-'}; overrides persist in the ${report.store.persistence})`, ''];
  if (!withConfig) lines.push('(modes from the stored overrides only: pass --config for the gateway\'s config; what each live instance has in force is in the last column)');
  const live = report.instances.filter((i) => i.health === 'live');
  lines.push(
    table(
      ['module', 'mode', 'scope', 'locked by', `in force on ${live.length} live instance(s)`],
      Object.entries(report.modules).map(([id, m]) => [
        id,
        m.mode === 'split' ? `split ${m.splitPercent ?? 0}%` : m.mode,
        m.scope,
        m.lockedBy ?? '-',
        Object.entries(m.instances).map(([instance, r]) => `${instance}: ${r.mode} (${r.scope})`).join(', ') || '-',
      ]),
    ),
  );
  lines.push('', `overrides in force: ${report.overrides.length}`);
  if (report.overrides.length > 0) {
    lines.push(
      table(
        ['id', 'module', 'scope', 'mode', 'lock', 'who', 'since', 'reason'],
        report.overrides.map((o) => [
          o.id === null ? '-' : `#${o.id}`,
          o.module ?? '(all)',
          o.scope === 'global' ? 'global' : `${o.scope} ${o.tenant ?? o.route ?? ''}`,
          o.mode,
          o.lock ? 'yes' : 'no',
          o.who,
          o.createdAt,
          o.reason,
        ]),
      ),
    );
  }
  lines.push('', report.lifecycle === null ? 'lifecycle: no state stored (no gateway with a lifecycle section has evaluated on this store)' : `lifecycle (revision ${report.lifecycle.revision}, by ${report.lifecycle.updatedBy ?? '-'} at ${report.lifecycle.updatedAt ?? '-'}):`);
  if (report.lifecycle !== null) {
    lines.push(
      table(
        ['module', 'stage', 'since', 'waiting for approval', 'rolled back', 'streak', 'decisions'],
        Object.entries(report.lifecycle.modules).map(([id, m]) => [
          id,
          m.stage,
          m.stageSince,
          m.pending === null ? '-' : `${m.pending.to} (since ${m.pending.since})`,
          [...(m.rollback === null ? [] : [`module until ${m.rollback.until}`]), ...m.scoped.map((s) => `${s.kind} ${s.id} (${s.phase === 'cooldown' ? `until ${s.until}` : 'shadowing'})`)].join(', ') || '-',
          String(m.passStreak),
          String(m.decisions),
        ]),
      ),
    );
  }
  lines.push('', `instances seen in the last day: ${report.instances.length}`);
  if (report.instances.length > 0) {
    lines.push(
      table(
        ['id', 'host', 'pid', 'health', 'last seen', 'shadow pool', 'overrides', 'runtimes'],
        report.instances.map((i) => [
          i.id,
          i.host,
          String(i.pid),
          i.health,
          `${seconds(i.ageMs)} s ago`,
          `${i.shadowPool.state} ${i.shadowPool.workers}/${i.shadowPool.configuredWorkers}`,
          `${i.overrides.persistence}${i.overrides.pending > 0 ? `, ${i.overrides.pending} pending` : ''}${i.overrides.lastError ? `, failing: ${i.overrides.lastError}` : ''}${i.rollback.length > 0 ? `; LLMS_WASM_ROLLBACK=${i.rollback.join(',')}` : ''}`,
          runtimes(i),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

/** Prints the status of the store (`--json`: the documented `StatusReport`, docs/status.md). */
export function status(options: StatusOptions): StatusReport {
  const target = storeTarget('status', options, options.io);
  const report = readStatus(target.db, { ...(target.config === undefined ? { modules: KNOWN_MODULES } : { config: target.config }), ...(options.now === undefined ? {} : { now: options.now }) });
  options.io.out.write(`${options.json === true ? JSON.stringify(report, null, 2) : formatStatus(report, target.config !== undefined)}\n`);
  return report;
}
