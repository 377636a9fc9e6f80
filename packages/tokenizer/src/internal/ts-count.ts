import { ModuleKitError } from '@llms-wasm/module-kit';
import type { CountTokensInput, CountTokensOutput, EncodingName } from '../contract.js';
import { importPackageFile, requireFrom } from './llms-binding.js';

/** The llms package and file token counts are bound to. */
export const LLMS_PACKAGE = '@jsonstudio/llms';
export const LLMS_TOKEN_COUNTER = 'dist/router/virtual-router/token-counter.js';

interface Encoder {
  readonly name: string;
  encode(text: string): Uint32Array;
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
  return new ModuleKitError('OPERATION_FAILED', `tokenizer: the text contains a special token that is not allowed: ${match[1]}`, {
    module: 'tokenizer',
    runtime: 'ts',
    code: 'SPECIAL_TOKEN_DISALLOWED',
    token: match[1],
  }, { cause: error });
}

/**
 * `countTokens` bound to llms: chat requests through llms 0.6.3689's `countRequestTokens`
 * (token-counter.js, imported by path); plain text through the tiktoken copy llms itself imports, with
 * llms's encoder selection (trimmed model, tiktoken's exact model table, cl100k_base otherwise).
 */
export async function bindCountTokens(): Promise<{ countTokens: (input: CountTokensInput) => CountTokensOutput; encodingsLoaded: () => string[] }> {
  const counter = await importPackageFile<TokenCounter>(LLMS_PACKAGE, LLMS_TOKEN_COUNTER);
  const tiktoken = requireFrom(LLMS_PACKAGE)('tiktoken') as Tiktoken;
  for (const [encoding, model] of Object.entries(MODEL_OF_ENCODING)) {
    const resolved = tiktoken.encoding_for_model(model).name;
    if (resolved !== encoding) throw new Error(`tiktoken maps ${model} to ${resolved}, expected ${encoding}`);
  }
  const byName = new Map<string, Encoder>();
  const encoder = (name: string): Encoder => {
    let enc = byName.get(name);
    if (!enc) {
      enc = tiktoken.get_encoding(name);
      byName.set(name, enc);
    }
    return enc;
  };
  const encodingForModel = (model: string | undefined): EncodingName => {
    const trimmed = model?.trim();
    if (trimmed) {
      try {
        return tiktoken.encoding_for_model(trimmed).name as EncodingName;
      } catch {
        // unknown model: llms falls back to its default encoder
      }
    }
    return 'cl100k_base';
  };

  const countTokens = (input: CountTokensInput): CountTokensOutput => {
    const encoding = input.encoding ?? encodingForModel(input.model);
    try {
      if ('text' in input) return { tokens: encoder(encoding).encode(input.text).length, encoding };
      const model = input.encoding ? MODEL_OF_ENCODING[input.encoding] : input.model;
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
