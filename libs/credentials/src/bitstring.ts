import { gunzipSync, gzipSync } from 'node:zlib';

/** The spec's minimum list length: 16 KB, so one entry cannot be singled out by the list's size. */
export const MIN_STATUS_LIST_BITS = 131_072;

/** A decoder limit against gzip bombs: 128 Mbit is far beyond any list this system publishes. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

/**
 * A W3C Bitstring Status List: index 0 is the left-most bit, i.e. the most significant bit of
 * the first byte. `encode` is GZIP then base64url (no padding) with the multibase prefix 'u'.
 */
export class Bitstring {
  private constructor(private readonly bytes: Uint8Array) {}

  static ofLength(bits = MIN_STATUS_LIST_BITS): Bitstring {
    if (!Number.isInteger(bits) || bits <= 0 || bits % 8 !== 0)
      throw new RangeError('bitstring length must be a positive multiple of 8');
    return new Bitstring(new Uint8Array(bits / 8));
  }

  static decode(encodedList: string): Bitstring {
    if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (prefix u)');
    return new Bitstring(
      new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_LIST_BYTES })),
    );
  }

  get length(): number {
    return this.bytes.length * 8;
  }

  set(index: number, value = true): this {
    this.check(index);
    const mask = 0x80 >> (index % 8);
    const byte = this.bytes[index >> 3]!;
    this.bytes[index >> 3] = value ? byte | mask : byte & ~mask;
    return this;
  }

  get(index: number): boolean {
    this.check(index);
    return (this.bytes[index >> 3]! & (0x80 >> (index % 8))) !== 0;
  }

  encode(): string {
    return `u${gzipSync(this.bytes).toString('base64url')}`;
  }

  private check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length)
      throw new RangeError(`status index ${index} is outside the list`);
  }
}
