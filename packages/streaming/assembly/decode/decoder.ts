// What every protocol decoder implements: events in, the aggregate (or the codec's failure) out.
import { JsonValue } from '@llms-wasm/module-kit/assembly';

/** The aggregate: a response JSON, or a failure with llms's error code and message. */
export class DecodeOutcome {
  constructor(public readonly ok: bool, public readonly response: JsonValue | null, public readonly code: string, public readonly message: string) {}

  static success(response: JsonValue): DecodeOutcome {
    return new DecodeOutcome(true, response, '', '');
  }

  static failure(code: string, message: string): DecodeOutcome {
    return new DecodeOutcome(false, null, code, message);
  }
}

export abstract class Decoder {
  /** One event as the protocol's llms parser accepted it (refused frames never reach the decoder). */
  abstract onEvent(type: string, data: JsonValue): void;
  /** A frame the parser refused (most decoders skip them; Gemini's fails on them). */
  onRejected(error: string): void {}
  /** Chat only: a framed event with its raw data text. */
  onChat(type: string, data: string): void {}
  /** Chat only: the framing refused a frame (and stops). */
  onFramingError(message: string): void {}
  /** The end of the input. */
  abstract finish(): DecodeOutcome;
  /** Releases raw (not GC-managed) buffers the decoder holds; called once its session is released. */
  dispose(): void {}
}
