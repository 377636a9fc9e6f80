import { ModuleKitError, type RuntimeKind } from '@llms-wasm/module-kit';
import { Compile } from 'typebox/compile';
import { DecodeOptions } from '../contract.js';

const validator = Compile(DecodeOptions);

/**
 * Validates session options at the boundary (module-kit validates the JSON operations; sessions are
 * opened outside it until its stream operations land).
 * @throws ModuleKitError `INPUT_INVALID` naming the field
 */
export function assertDecodeOptions(options: unknown, runtime: RuntimeKind): asserts options is DecodeOptions {
  if (validator.Check(options)) return;
  let best = { path: '', message: 'does not match the contract' };
  let depth = -1;
  for (const error of validator.Errors(options)) {
    const d = error.instancePath === '' ? 0 : error.instancePath.split('/').length;
    if (d > depth) {
      depth = d;
      best = { path: error.instancePath, message: error.message };
    }
  }
  throw new ModuleKitError('INPUT_INVALID', `streaming.decode options${best.path} ${best.message}`, { module: 'streaming', runtime, operation: 'decode', path: best.path || '/' });
}
