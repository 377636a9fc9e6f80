// Encoding selection as llms does it: an explicit encoding, else the trimmed model name looked up in
// tiktoken's exact table, else cl100k_base.
import { compareUtf16, jsTrim } from '@llms-wasm/module-kit/assembly';
import { ENC_CL100K_BASE, ENC_O200K_BASE, ENC_P50K_BASE, ENC_P50K_EDIT, ENC_R50K_BASE, bpeTableOf } from '../bpe/index';
import { ENCODING_NAMES, MODEL_ENCODINGS, MODEL_NAMES } from '../generated/models';

export const NAME_CL100K_BASE: i32 = 0;

/** The byte-pair encoder (bpe/ ENC_*) behind each encoding name id (gpt2 is r50k_base's ranks and specials). */
const BPE_OF_NAME: StaticArray<i32> = [ENC_CL100K_BASE, ENC_O200K_BASE, ENC_P50K_BASE, ENC_P50K_EDIT, ENC_R50K_BASE, ENC_R50K_BASE];

/** Name id of an encoding name, or -1. */
export function encodingIdOf(name: string): i32 {
  for (let i = 0; i < ENCODING_NAMES.length; i++) if (ENCODING_NAMES[i] == name) return i;
  return -1;
}

/** The encoding name of a name id. */
export function encodingName(id: i32): string {
  return ENCODING_NAMES[id];
}

/** The byte-pair encoder of a name id. */
export function bpeOf(id: i32): i32 {
  return BPE_OF_NAME[id];
}

/** The rank table a name id needs loaded. */
export function tableOf(id: i32): i32 {
  return bpeTableOf(BPE_OF_NAME[id]);
}

/** tiktoken's encoding_for_model after llms's trim; cl100k_base for unknown, empty or missing names. */
export function encodingForModel(model: string | null): i32 {
  if (model === null) return NAME_CL100K_BASE;
  const name = jsTrim(model);
  if (name.length == 0) return NAME_CL100K_BASE;
  let lo = 0;
  let hi = MODEL_NAMES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareUtf16(MODEL_NAMES[mid], name);
    if (c == 0) return <i32>MODEL_ENCODINGS[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return NAME_CL100K_BASE;
}
