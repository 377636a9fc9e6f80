// The tools benchmarks' inputs: every corpus call's input, grouped by operation (optionally only some).
import { readCorpus } from '@llms-wasm/module-kit/corpus';
import { tools } from '../dist/index.js';

/** Map of operation -> inputs, in corpus order. */
export function inputsByOperation(only) {
  const byOp = new Map();
  for (const c of readCorpus('tools')) {
    for (const call of tools.corpus(c)) {
      if (only && !only.includes(call.operation)) continue;
      if (!byOp.has(call.operation)) byOp.set(call.operation, []);
      byOp.get(call.operation).push(call.input);
    }
  }
  return byOp;
}
