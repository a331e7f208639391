/**
 * Seeded randomness: the only source of chance in the simulator. Same seed, same sequence.
 * (mulberry32: a small, well-known 32-bit generator; quality is ample for names and jitter.)
 */
import { GENERATE_NAME_ALPHABET, GENERATE_NAME_RANDOM_LENGTH, MAX_GENERATED_NAME_LENGTH } from './constants.js';

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** rand.String(n) of apimachinery: n characters of the generateName alphabet. */
  string(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += GENERATE_NAME_ALPHABET[this.int(GENERATE_NAME_ALPHABET.length)];
    return s;
  }

  /** A version-4-shaped UID. */
  uid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => this.int(16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }
}

/** names.SimpleNameGenerator.GenerateName: base truncated to 58 characters, then 5 random characters. */
export function generateName(base: string, rng: Prng): string {
  const b = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return b + rng.string(GENERATE_NAME_RANDOM_LENGTH);
}
