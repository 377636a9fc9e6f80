// The `X-WASM-Mode` request header: `shadow` (every module) or `tokenizer=shadow,tools=ts_primary`.
import { MODES, type Mode } from '../config/mode-schema.js';
import type { RequestHeaders } from './mode-resolution.js';

/** The header name (matched case-insensitively). */
export const MODE_HEADER = 'x-wasm-mode';

/** Longest header value parsed; longer ones are invalid. */
export const MAX_HEADER_LENGTH = 256;

/** A valid header: a mode for every module and/or modes for named modules (which win). */
export interface ParsedModeHeader {
  readonly all: Mode | undefined;
  readonly modules: ReadonlyMap<string, Mode>;
}

const MODE_SET: ReadonlySet<string> = new Set(MODES);

/** The header's value (several values joined with `,`), or undefined when the request has none. */
export function findModeHeader(headers: RequestHeaders | undefined): string | undefined {
  if (headers === undefined) return undefined;
  let value = headers[MODE_HEADER];
  if (value === undefined) {
    for (const name in headers) {
      if (name.length === MODE_HEADER.length && name.toLowerCase() === MODE_HEADER) {
        value = headers[name];
        break;
      }
    }
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}

/**
 * Parses a header value; undefined when it is invalid (too long, empty, an unknown mode or module, a
 * module or the all-modules mode given twice). Case and spaces around parts are ignored.
 */
export function parseModeHeader(value: string, modules: ReadonlySet<string>): ParsedModeHeader | undefined {
  if (value.length > MAX_HEADER_LENGTH) return undefined;
  let all: Mode | undefined;
  const perModule = new Map<string, Mode>();
  for (const raw of value.toLowerCase().split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    const mode = (eq < 0 ? part : part.slice(eq + 1)).trim();
    if (!MODE_SET.has(mode)) return undefined;
    if (eq < 0) {
      if (all !== undefined) return undefined;
      all = mode as Mode;
      continue;
    }
    const module = part.slice(0, eq).trim();
    if (!modules.has(module) || perModule.has(module)) return undefined;
    perModule.set(module, mode as Mode);
  }
  if (all === undefined && perModule.size === 0) return undefined;
  return { all, modules: perModule };
}

/** Parsed headers by value; cleared when full (a handful of distinct values is the normal case). */
export class HeaderCache {
  readonly #entries = new Map<string, ParsedModeHeader | null>();
  readonly #modules: ReadonlySet<string>;
  readonly #max: number;

  constructor(modules: ReadonlySet<string>, max = 256) {
    this.#modules = modules;
    this.#max = max;
  }

  /** The parsed header, or undefined when invalid. */
  get(value: string): ParsedModeHeader | undefined {
    const cached = this.#entries.get(value);
    if (cached !== undefined) return cached ?? undefined;
    const parsed = parseModeHeader(value, this.#modules);
    if (this.#entries.size >= this.#max) this.#entries.clear();
    this.#entries.set(value, parsed ?? null);
    return parsed;
  }
}
