import { ModuleKitError, type RuntimeKind } from '@llms-wasm/module-kit';
import { STREAMING_ERROR_CODES, type StreamingErrorCode } from '../errors.js';

/** The module error `code` as module-kit's `OPERATION_FAILED`, the same on both runtimes. */
export function streamingError(code: StreamingErrorCode, runtime: RuntimeKind, operation: string, message?: string): ModuleKitError {
  return new ModuleKitError('OPERATION_FAILED', `streaming.${operation}: ${message ?? STREAMING_ERROR_CODES[code]}`, { module: 'streaming', runtime, operation, code });
}
