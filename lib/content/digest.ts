/**
 * An order-free digest of a set of strings: each one is hashed (two 32-bit FNV-1a hashes with
 * different seeds) and XORed in, so adding or removing one costs that one string, never the
 * rest of the set, and the same set gives the same digest in any order.
 */
export class OrderFreeDigest {
  private a = 0;
  private b = 0;

  /** Adds `text` to the set, or takes it out when it is in (XOR). */
  toggle(text: string): void {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193);
    }
    this.a = (this.a ^ a) >>> 0;
    this.b = (this.b ^ b) >>> 0;
  }

  toString(): string {
    return `${this.a.toString(36)}.${this.b.toString(36)}`;
  }
}
