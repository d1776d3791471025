/**
 * The one seeded pseudo-random generator of the tests and benchmarks (mulberry32: small,
 * fast, and the same sequence for the same seed on every machine), so generated data and
 * fuzz bodies reproduce.
 * @example const rand = prng(42); rand() // a number in [0, 1)
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
