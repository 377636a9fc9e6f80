import type { CountTokensInput, CountTokensOutput, EncodingName } from '../contract.js';
import { upstreamPackage } from '@llms-wasm/module-kit';
import { tokenizerErrors } from '../errors.js';

/** The llms package and file token counts are bound to. */
export const LLMS_PACKAGE = '@jsonstudio/llms';
export const LLMS_TOKEN_COUNTER = 'dist/router/virtual-router/token-counter.js';

interface Encoder {
  readonly name: string;
  encode(text: string): Uint32Array;
  free(): void;
}

interface Tiktoken {
  encoding_for_model(model: string): Encoder;
  get_encoding(name: string): Encoder;
}

interface TokenCounter {
  countRequestTokens(request: { model?: string; messages?: unknown[]; tools?: unknown[]; parameters?: unknown }): number;
}

// llms's counter selects its encoder by model only: an explicit encoding is handed to it as a model
// tiktoken maps to that encoding (checked at load).
const MODEL_OF_ENCODING: Record<EncodingName, string> = {
  cl100k_base: 'gpt-4',
  o200k_base: 'gpt-4o',
  p50k_base: 'text-davinci-003',
  p50k_edit: 'text-davinci-edit-001',
  r50k_base: 'text-davinci-001',
  gpt2: 'gpt2',
};

const SPECIAL = /special token that is not allowed: (.*)$/;

/** tiktoken's "special token not allowed" error as the module's typed failure; anything else unchanged. */
function translate(error: unknown): unknown {
  const match = SPECIAL.exec(error instanceof Error ? error.message : String(error));
  if (!match) return error;
  return tokenizerErrors.error('SPECIAL_TOKEN_DISALLOWED', `the text contains a special token that is not allowed: ${match[1]}`, { runtime: 'ts', token: match[1] }, error);
}

/**
 * `countTokens` bound to llms: chat requests through llms 0.6.3689's `countRequestTokens`
 * (token-counter.js, imported by path); plain text through the tiktoken copy llms itself imports, with
 * llms's encoder selection (trimmed model, tiktoken's exact model table, cl100k_base otherwise).
 */
export async function bindCountTokens(): Promise<{ countTokens: (input: CountTokensInput) => CountTokensOutput; encodingsLoaded: () => string[] }> {
  const llms = upstreamPackage(LLMS_PACKAGE, import.meta.url);
  const counter = await llms.importFile<TokenCounter>(LLMS_TOKEN_COUNTER);
  const tiktoken = llms.require('tiktoken') as Tiktoken;
  const byName = new Map<string, Encoder>();
  const encoder = (name: string): Encoder => {
    let enc = byName.get(name);
    if (!enc) {
      enc = tiktoken.get_encoding(name);
      byName.set(name, enc);
    }
    return enc;
  };
  // tiktoken builds a whole encoder to answer encoding_for_model (about 100 ms for a known model), so the
  // answer is cached per trimmed name and the probe encoder freed; unknown names fail fast and are cached too.
  const nameOfModel = new Map<string, EncodingName>();
  const encodingForModel = (model: string | undefined): EncodingName => {
    const trimmed = model?.trim();
    if (!trimmed) return 'cl100k_base';
    let name = nameOfModel.get(trimmed);
    if (name === undefined) {
      try {
        const probe = tiktoken.encoding_for_model(trimmed);
        name = probe.name as EncodingName;
        probe.free();
      } catch {
        name = 'cl100k_base'; // unknown model: llms falls back to its default encoder
      }
      if (nameOfModel.size < 10_000) nameOfModel.set(trimmed, name);
    }
    return name;
  };

  // The stand-in model for an explicit encoding, checked against tiktoken the first time it is used.
  const modelOfEncoding = (encoding: EncodingName): string => {
    const model = MODEL_OF_ENCODING[encoding];
    const resolved = encodingForModel(model);
    if (resolved !== encoding) throw new Error(`tiktoken maps ${model} to ${resolved}, expected ${encoding}`);
    return model;
  };

  const countTokens = (input: CountTokensInput): CountTokensOutput => {
    const encoding = input.encoding ?? encodingForModel(input.model);
    try {
      if ('text' in input) return { tokens: encoder(encoding).encode(input.text).length, encoding };
      const model = input.encoding ? modelOfEncoding(input.encoding) : input.model;
      const tokens = counter.countRequestTokens({
        ...(model === undefined ? {} : { model }),
        messages: input.messages,
        ...(input.tools === undefined ? {} : { tools: input.tools }),
        ...(input.parameters === undefined ? {} : { parameters: input.parameters }),
      });
      return { tokens, encoding };
    } catch (error) {
      throw translate(error);
    }
  };
  return { countTokens, encodingsLoaded: () => [...byName.keys()] };
}
