// Minimal fixed-capacity unsigned big integer (32-bit limbs, little-endian) for the exact
// fallback of decimal -> double conversion. Capacity covers 801 significant digits times the
// largest power of five and shift the fallback needs (about 2,700 bits; 4,096 available).

const LIMBS = 128;

export class BigUint {
  limbs: StaticArray<u32> = new StaticArray<u32>(LIMBS);
  size: i32 = 0; // limbs in use; limbs[size - 1] != 0 unless size == 0

  setU64(v: u64): void {
    unchecked((this.limbs[0] = <u32>v));
    unchecked((this.limbs[1] = <u32>(v >> 32)));
    this.size = v == 0 ? 0 : v >> 32 == 0 ? 1 : 2;
  }

  copyFrom(o: BigUint): void {
    memory.copy(changetype<usize>(this.limbs), changetype<usize>(o.limbs), <usize>o.size << 2);
    this.size = o.size;
  }

  /** this = this * m + add. */
  mulAdd(m: u32, add: u32): void {
    let carry = <u64>add;
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const t = <u64>unchecked(this.limbs[i]) * <u64>m + carry;
      unchecked((this.limbs[i] = <u32>t));
      carry = t >> 32;
    }
    if (carry != 0) {
      assert(n < LIMBS, 'BigUint overflow');
      unchecked((this.limbs[n] = <u32>carry));
      this.size = n + 1;
    }
  }

  /** this = this * 5^e. */
  mulPow5(e: i32): void {
    while (e >= 13) {
      this.mulAdd(1220703125, 0); // 5^13
      e -= 13;
    }
    let m: u32 = 1;
    while (e > 0) {
      m *= 5;
      e--;
    }
    if (m != 1) this.mulAdd(m, 0);
  }

  /** this = this << bits. */
  shl(bits: i32): void {
    if (this.size == 0 || bits == 0) return;
    const words = bits >> 5;
    const r = bits & 31;
    const n = this.size;
    assert(n + words + 1 <= LIMBS, 'BigUint overflow');
    if (r == 0) {
      for (let i = n - 1; i >= 0; i--) unchecked((this.limbs[i + words] = this.limbs[i]));
      this.size = n + words;
    } else {
      let top: u32 = 0;
      unchecked((this.limbs[n + words] = this.limbs[n - 1] >> (32 - r)));
      for (let i = n - 1; i > 0; i--) {
        unchecked((this.limbs[i + words] = (this.limbs[i] << r) | (this.limbs[i - 1] >> (32 - r))));
      }
      unchecked((this.limbs[words] = this.limbs[0] << r));
      top = unchecked(this.limbs[n + words]);
      this.size = top != 0 ? n + words + 1 : n + words;
    }
    for (let i = 0; i < words; i++) unchecked((this.limbs[i] = 0));
  }

  /** Sign of this - o. */
  compare(o: BigUint): i32 {
    if (this.size != o.size) return this.size > o.size ? 1 : -1;
    for (let i = this.size - 1; i >= 0; i--) {
      const a = unchecked(this.limbs[i]);
      const b = unchecked(o.limbs[i]);
      if (a != b) return a > b ? 1 : -1;
    }
    return 0;
  }
}
