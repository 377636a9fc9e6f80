// Collects the first problem with an operation's input (reported as a BAD_INPUT record naming the path).
import { JsonValue } from '@llms-wasm/module-kit/assembly';

export class InputError {
  failed: bool = false;
  path: string = '';
  message: string = '';

  /** Records the problem (the first one wins); returns null so callers can `return errors.fail(...)`. */
  fail(path: string, message: string): JsonValue | null {
    if (!this.failed) {
      this.failed = true;
      this.path = path;
      this.message = message;
    }
    return null;
  }
}
