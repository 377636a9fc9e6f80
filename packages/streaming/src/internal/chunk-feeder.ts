const encoder = new TextEncoder();
const REPLACEMENT = new Uint8Array([0xef, 0xbf, 0xbd]);

/**
 * Turns pushed chunks into one byte stream, the same for both runtimes: text chunks as their UTF-8
 * (lone surrogates as U+FFFD, a trailing high surrogate held until the next chunk so a pair split
 * across two text chunks stays one character), byte chunks as they are.
 */
export class ChunkBytes {
  private high = '';

  push(chunk: Uint8Array | string): Uint8Array {
    if (typeof chunk !== 'string') {
      if (this.high === '') return chunk;
      this.high = '';
      const out = new Uint8Array(3 + chunk.length);
      out.set(REPLACEMENT, 0);
      out.set(chunk, 3);
      return out;
    }
    let text = this.high + chunk;
    this.high = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.high = text.slice(-1);
      text = text.slice(0, -1);
    }
    return encoder.encode(text);
  }

  /** What is still held back (a lone high surrogate, as U+FFFD). */
  end(): Uint8Array {
    const out = this.high === '' ? new Uint8Array(0) : REPLACEMENT;
    this.high = '';
    return out;
  }
}

/**
 * How every chunk reaches the llms codecs (docs/llms-facts.md, "Chunk types"): the ChunkBytes stream
 * (the budget counts these bytes, on both runtimes) through one streaming UTF-8 decoder (invalid bytes become U+FFFD exactly as a whole-stream decode
 * would; a BOM is kept, as Node's Buffer#toString keeps it), and a trailing `\r` held until the next
 * chunk — so llms, which converts and CRLF-normalizes each chunk on its own, never sees a code point
 * or a CRLF pair cut in two.
 */
export class ChunkFeeder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private carry = '';

  /** The text of these bytes (from ChunkBytes) that can be handed over now. */
  push(bytes: Uint8Array): string {
    return this.hold(this.carry + this.decoder.decode(bytes, { stream: true }));
  }

  /** Everything still held back, after the last bytes (an incomplete UTF-8 sequence becomes U+FFFD). */
  end(last: Uint8Array): string {
    const tail = this.decoder.decode(last, { stream: true }) + this.decoder.decode();
    const text = this.carry + tail;
    this.carry = '';
    return text;
  }

  private hold(text: string): string {
    this.carry = '';
    if (text.charCodeAt(text.length - 1) === 0x0d) {
      this.carry = '\r';
      return text.slice(0, -1);
    }
    return text;
  }
}
