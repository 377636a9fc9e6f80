import fc from 'fast-check';
import type { Contracts, InputOf, LlmsModule } from './define-module.js';
import { compareOutcomes, runOutcome, type Outcome } from './outcome.js';

/** fast-check run parameters from the environment: `FC_SEED` (reproduce a run) and `FC_NUM_RUNS` (default 1000). */
export function propertyParameters(): { numRuns: number; seed?: number } {
  const numRuns = Number(process.env['FC_NUM_RUNS'] ?? 1000);
  const seed = process.env['FC_SEED'];
  return seed === undefined || seed === '' ? { numRuns } : { numRuns, seed: Number(seed) };
}

function show(value: unknown, max = 600): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length} chars)`;
}

function showOutcome(o: Outcome): string {
  return o.ok ? show(o.value) : `error ${o.code}: ${o.message}`;
}

/**
 * A predicate for fast-check (or `test.prop`): runs `operation` on both runtimes and throws a readable
 * report — input, both outcomes, and the canonical diff — when they disagree.
 * @example test.prop([textArb])('ts == wasm', ([text]) => equivalent(tokenizer, 'countTokens')({ text }))
 */
export function equivalent<C extends Contracts, K extends keyof C & string>(mod: LlmsModule<C>, operation: K): (input: InputOf<C, K>) => Promise<void> {
  return async (input) => {
    const ts = await runOutcome(mod, 'ts', operation, input);
    const wasm = await runOutcome(mod, 'wasm', operation, input);
    const cmp = compareOutcomes(mod, operation, ts, wasm);
    if (cmp.equal) return;
    const lines = [
      `${mod.id}.${operation}: ts and wasm disagree (${cmp.reason}: ${cmp.detail})`,
      `input: ${show(input)}`,
      `ts:    ${showOutcome(ts)}`,
      `wasm:  ${showOutcome(wasm)}`,
      ...cmp.diff.map((d) => `  ${d.path} ${d.kind}${d.left === undefined ? '' : ` ts=${d.left}`}${d.right === undefined ? '' : ` wasm=${d.right}`}`),
    ];
    throw new Error(lines.join('\n'));
  };
}

/**
 * Asserts canonicalize(ts(x)) equals canonicalize(wasm(x)) for inputs drawn from `arbitrary`; on failure
 * fast-check shrinks the input and the report shows the smallest one found with its diff.
 */
export async function assertEquivalent<C extends Contracts, K extends keyof C & string>(
  mod: LlmsModule<C>,
  operation: K,
  arbitrary: fc.Arbitrary<InputOf<C, K>>,
  parameters: fc.Parameters<[InputOf<C, K>]> = {},
): Promise<void> {
  const check = equivalent(mod, operation);
  await fc.assert(fc.asyncProperty(arbitrary, (input) => check(input)), { ...propertyParameters(), ...parameters });
}
