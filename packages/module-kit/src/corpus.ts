import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ModuleKitError } from './errors.js';

/** One captured case from ../shared/corpus/<module>.jsonl (see the corpus README). */
export interface CorpusCase<I = Record<string, unknown>> {
  readonly id: string;
  readonly module: string;
  readonly protocol: string;
  readonly provider: string;
  readonly tags: readonly string[];
  readonly input: I;
  readonly source?: Readonly<Record<string, unknown>>;
  readonly notes?: string;
  readonly redactions?: number;
}

/**
 * The corpus directory: `LLMS_WASM_CORPUS` if set, else `../shared/corpus` next to the repository root
 * (found by walking up from `from` to the directory holding pnpm-workspace.yaml).
 * @throws ModuleKitError `CORPUS_INVALID` if no corpus directory exists.
 */
export function corpusDir(from: string = process.cwd()): string {
  const fromEnv = process.env['LLMS_WASM_CORPUS'];
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) {
      const candidate = resolve(dir, '..', 'shared', 'corpus');
      if (existsSync(candidate)) return candidate;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ModuleKitError('CORPUS_INVALID', `no corpus directory found from ${from} (set LLMS_WASM_CORPUS or place it at ../shared/corpus)`);
}

/**
 * Reads every case of one module's corpus file. Strict: a line that is not a JSON case object is an
 * error naming the file and line, never silently skipped.
 * @throws ModuleKitError `CORPUS_INVALID`
 * @example const cases = readCorpus('tokenizer'); // 182 cases
 */
export function readCorpus<I = Record<string, unknown>>(module: string, dir: string = corpusDir()): CorpusCase<I>[] {
  const file = join(dir, `${module}.jsonl`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ModuleKitError('CORPUS_INVALID', `cannot read ${file}: ${(cause as Error).message}`, { module }, { cause });
  }
  const cases: CorpusCase<I>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (cause) {
      throw new ModuleKitError('CORPUS_INVALID', `${file}:${i + 1} is not JSON (${(cause as Error).message})`, { module, line: i + 1 }, { cause });
    }
    const c = parsed as Partial<CorpusCase<I>>;
    if (typeof c !== 'object' || c === null || typeof c.id !== 'string' || typeof c.input !== 'object' || c.input === null || !Array.isArray(c.tags)) {
      throw new ModuleKitError('CORPUS_INVALID', `${file}:${i + 1} is not a corpus case (needs id, tags[], input{})`, { module, line: i + 1 });
    }
    cases.push(c as CorpusCase<I>);
  }
  return cases;
}

/** The value of a `prefix:value` tag (`kind:text` → `text`), or undefined. */
export function tagValue(c: CorpusCase<unknown>, prefix: string): string | undefined {
  const tag = c.tags.find((t) => t.startsWith(`${prefix}:`));
  return tag === undefined ? undefined : tag.slice(prefix.length + 1);
}
