/**
 * A character n-gram language model with Witten–Bell interpolation (Witten & Bell 1991; the smoothing
 * SRILM calls `-wbdiscount`): P(c | h) = (C(h, c) + T(h)·P(c | h')) / (C(h) + T(h)), with T(h) the
 * number of distinct characters seen after h and h' the context one character shorter. The lab's
 * frozen base model, trained in a second on a corpus of short texts, each ended by END.
 *
 * A context is coded as a number: the last order − 1 characters in base 64, the latest in the lowest
 * digit (digit = vocabulary index + 1; START pads the beginning of a text), so sampling moves from
 * one context to the next with arithmetic instead of strings.
 */
export const END = "\u0003";
const radix = 64;

export interface NgramModel {
  /** Index → character; index 0 is END. */
  readonly vocabulary: readonly string[];
  readonly order: number;
  index(char: string): number | undefined;
  /** The code of the context after `text` (its last order − 1 characters). */
  codeOf(text: string): number;
  /** The context after appending character index `char` to the context `code`. */
  advance(code: number, char: number): number;
  /** log P(next | context) for every vocabulary entry (cached per context). */
  logProbsOf(code: number): Float64Array;
}

export function trainNgram(input: { texts: readonly string[]; order: number }): NgramModel {
  const { order } = input;
  const chars = new Set<string>();
  for (const text of input.texts) for (const char of text) chars.add(char);
  const vocabulary = [END, ...[...chars].filter((char) => char !== END).sort()];
  if (vocabulary.length + 1 >= radix) {
    throw new RangeError(`a character model codes at most ${radix - 2} characters, got ${vocabulary.length}`);
  }
  const indexOf = new Map(vocabulary.map((char, index) => [char, index]));
  const size = vocabulary.length;
  const start = size + 1;
  const span = radix ** (order - 1);
  const powers = Array.from({ length: order }, (_, length) => radix ** length);
  // Per context length L (0..order−1): counts of (context, next), then for each context its total,
  // its distinct nexts T(h) and the sparse list of (next, count).
  const pairs = Array.from({ length: order }, () => new Map<number, number>());
  for (const text of input.texts) {
    const digits: number[] = new Array<number>(order - 1).fill(start);
    for (const char of text) digits.push((indexOf.get(char) as number) + 1);
    digits.push(1); // END's digit (index 0 + 1)
    for (let at = order - 1; at < digits.length; at++) {
      const next = (digits[at] as number) - 1;
      let key = 0;
      for (let length = 0; length < order; length++) {
        if (length > 0) key += (digits[at - length] as number) * (powers[length - 1] as number);
        const counts = pairs[length] as Map<number, number>;
        const pair = key * radix + next;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
    }
  }
  const contexts = pairs.map((counts) => {
    const lists = new Map<number, { total: number; nexts: number[]; counts: number[] }>();
    for (const [pair, count] of counts) {
      const key = Math.floor(pair / radix);
      let list = lists.get(key);
      if (!list) {
        list = { total: 0, nexts: [], counts: [] };
        lists.set(key, list);
      }
      list.total += count;
      list.nexts.push(pair % radix);
      list.counts.push(count);
    }
    return lists;
  });
  const cache = new Map<number, Float64Array>();
  const advance = (code: number, char: number) => (code * radix + char + 1) % span;
  return {
    vocabulary,
    order,
    index: (char) => indexOf.get(char),
    advance,
    codeOf(text) {
      let code = 0;
      for (let back = order - 1; back >= 1; back--) {
        const char = text[text.length - back];
        code = (code * radix + (char === undefined ? start : (indexOf.get(char) ?? size) + 1)) % span;
      }
      return code;
    },
    logProbsOf(code) {
      const hit = cache.get(code);
      if (hit) return hit;
      let probabilities = new Float64Array(size).fill(1 / size);
      for (let length = 0; length < order; length++) {
        const list = contexts[length]?.get(code % (powers[length] as number));
        if (!list) break;
        const distinct = list.nexts.length;
        const scale = distinct / (list.total + distinct);
        const next = probabilities.map((probability) => probability * scale);
        list.nexts.forEach((char, at) => {
          next[char] = (next[char] as number) + (list.counts[at] as number) / (list.total + distinct);
        });
        probabilities = next;
      }
      const logs = probabilities.map(Math.log);
      cache.set(code, logs);
      return logs;
    },
  };
}

/** Radix of context codes: the last m characters of a context are `code % contextRadix ** m`. */
export const contextRadix = radix;
