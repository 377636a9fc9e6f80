// Streaming UTF-8 normalization: appends the input's bytes to a sink as valid UTF-8, every invalid
// subsequence replaced by U+FFFD exactly as a streaming TextDecoder('utf-8', { ignoreBOM: true })
// decodes it; an incomplete sequence at the end of a push waits for the next push.
import { ByteSink, decodeUtf8At } from '@llms-wasm/module-kit/assembly';
import { utf8Consumed } from '@llms-wasm/module-kit/assembly/utf8';

export class Utf8Normalizer {
  private carry: StaticArray<u8> = new StaticArray<u8>(4);
  private carried: i32 = 0;

  /** Normalizes [ptr, ptr+len) onto `out`. */
  push(ptr: usize, len: i32, out: ByteSink): void {
    if (this.carried == 0) {
      this.scan(ptr, len, out);
      return;
    }
    // A sequence was cut by the previous push: scan it joined with this input (a rare copy).
    const n = this.carried + len;
    const tmp = heap.alloc(<usize>n);
    for (let i = 0; i < this.carried; i++) store<u8>(tmp + <usize>i, this.carry[i]);
    memory.copy(tmp + <usize>this.carried, ptr, <usize>len);
    this.carried = 0;
    this.scan(tmp, n, out);
    heap.free(tmp);
  }

  /** Flushes an incomplete sequence as one U+FFFD (end of input). */
  end(out: ByteSink): void {
    if (this.carried > 0) {
      out.writeByte(0xef);
      out.writeByte(0xbf);
      out.writeByte(0xbd);
      this.carried = 0;
    }
  }

  private scan(p: usize, n: i32, out: ByteSink): void {
    const end = p + <usize>n;
    let q = p;
    let runStart = q;
    while (q < end) {
      // ASCII fast path, eight bytes at a time.
      while (q + 8 <= end && (load<u64>(q) & 0x8080808080808080) == 0) q += 8;
      if (q >= end) break;
      const b = <u32>load<u8>(q);
      if (b < 0x80) {
        q++;
        continue;
      }
      const cp = decodeUtf8At(q, end);
      const used = utf8Consumed;
      if (cp == 0xfffd && q + <usize>used == end && b >= 0xc2 && b <= 0xf4 && !isLiteralReplacement(q, used)) {
        // A valid prefix cut by the end of this push: keep it for the next one.
        out.writeBytes(runStart, <i32>(q - runStart));
        for (let i = 0; i < used; i++) this.carry[i] = load<u8>(q + <usize>i);
        this.carried = used;
        return;
      }
      if (cp == 0xfffd && !isLiteralReplacement(q, used)) {
        out.writeBytes(runStart, <i32>(q - runStart));
        out.writeByte(0xef);
        out.writeByte(0xbf);
        out.writeByte(0xbd);
        q += <usize>used;
        runStart = q;
        continue;
      }
      q += <usize>used;
    }
    out.writeBytes(runStart, <i32>(q - runStart));
  }
}

/** The three bytes EF BF BD: a real U+FFFD in the input, not a decoding error. */
function isLiteralReplacement(q: usize, used: i32): bool {
  return used == 3 && load<u8>(q) == 0xef && load<u8>(q + 1) == 0xbf && load<u8>(q + 2) == 0xbd;
}
