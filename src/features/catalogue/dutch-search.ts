/**
 * Dutch-friendly text processing for the catalogue search, used on both sides of the
 * FTS5 index: the text we index and the words people type.
 *
 * - Normalisation: lower case, accents removed ("financiële" → "financiele"), anything but
 *   letters and digits is a separator. FTS5 itself also runs `unicode61 remove_diacritics 2`.
 * - A small suffix stripper (not Snowball; a handful of rules that cover plurals and
 *   inflected adjectives): "subsidies" → "subsidie", "bedrijven" → "bedrijf",
 *   "regelingen" → "regeling", "duurzame" and "duurzaam" → "duurzam".
 * - Compound splitting against a fixed lexicon of business words: "innovatiesubsidie" is
 *   also indexed as "innovatie" and "subsidie", "bedrijfsovername" as "bedrijf" and "overname".
 * Indexed text keeps every original word and adds its stem and parts, so prefix queries on
 * either form match ("subsid" finds "subsidie").
 */

const STOPWORDS = new Set(
  (
    "de het een en of van voor in op met aan bij door naar om te tot uit over als dan die dat dit deze er is zijn wordt worden " +
    "ik je jij u uw we wij ze zij hun mijn ons onze hoe wat wie waar wanneer welke niet geen wel ook nog al maar want dus zo " +
    "heel veel meer mag kan kunnen wil willen moet moeten ben bent heb hebt heeft hebben mijn mij me the and for of to"
  ).split(" "),
);

/**
 * Words that compounds are made of (normalised). A long word that ends in one of them is
 * also indexed under that part, and under the first part when that is one too.
 */
const LEXICON = new Set(
  (
    "subsidie subsidies innovatie innovaties bedrijf bedrijven overname overnames overdracht opvolging opvolger export import personeel " +
    "arbeid arbeidsmarkt markt financiering krediet lening leningen garantie fonds kapitaal starter starters start ondernemer ondernemers " +
    "advies adviseur regeling regelingen voucher vouchers energie duurzaam duurzaamheid circulair circulaire digitaal digitalisering " +
    "automatisering cyber data techniek technologie kennis onderzoek ontwikkeling groei plan scan check loket balie vergunning vergunningen " +
    "belasting aftrek werk werkgever werkgevers werknemer werknemers talent scholing opleiding opleidingen training netwerk campus handel " +
    "beurs missie project proces product productie industrie logistiek zorg retail horeca toerisme bouw grens euregio duitsland belgie " +
    "europa provincie gemeente regio mkb zzp loon kosten investering investeringen steun crisis schuld schulden contact centrum punt " +
    "coaching coach begeleiding verduurzaming besparing isolatie zonne warmte water mobiliteit vervoer transport inkoop verkoop marketing " +
    "strategie waarde keten samenwerking kwaliteit veiligheid hulp bank tekort beleid werving behoud plaats ruimte terrein vestiging " +
    "innovatiekrediet uitvoering aanvraag doorstart herstart"
  ).split(" "),
);

/** Lower case, accents removed, every run of other characters one space. */
export function normaliseText(input: string): string {
  return input
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The words of a text, normalised. */
export function words(input: string): string[] {
  const text = normaliseText(input);
  return text === "" ? [] : text.split(" ");
}

const VOWEL = /[aeiouy]/;

/** "duurzaam" → "duurzam", "zaak" → "zak": an open/closed syllable spells the same vowel differently. */
function singleVowel(word: string): string {
  return word.replace(/([aeou])\1([^aeiouy])$/, "$1$2");
}

/**
 * A light Dutch stemmer: the first matching rule applies, then a doubled vowel before the
 * final consonant is made single. Words of 4 letters or fewer stay as they are.
 *
 * @example
 * stem("subsidies"); // "subsidie"
 * stem("bedrijven"); // "bedrijf"
 * stem("regelingen"); // "regeling"
 * stem("personeel"); // "personel"
 */
export function stem(word: string): string {
  // Twice: "adviezen" → "advies" → "advie", the stem of "advies".
  return stemOnce(stemOnce(word));
}

function stemOnce(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith("heden")) w = `${w.slice(0, -5)}heid`;
  else if (w.endsWith("ingen")) w = w.slice(0, -2);
  else if (w.endsWith("ies") || w.endsWith("ien")) w = w.slice(0, -1);
  else if (w.endsWith("en") && w.length > 5 && !VOWEL.test(w.charAt(w.length - 3))) {
    w = w.slice(0, -2);
    // "bakken" → "bak", "bedrijven" → "bedrijf", "adviezen" → "advies"
    if (/([^aeiouy])\1$/.test(w)) w = w.slice(0, -1);
    if (w.endsWith("v")) w = `${w.slice(0, -1)}f`;
    else if (w.endsWith("z")) w = `${w.slice(0, -1)}s`;
  } else if (/[^aeiouycrs]es$/.test(w))
    w = w.slice(0, -2); // "overnames" → "overnam", like "overname"
  else if (w.endsWith("s") && !/[aeiouys]s$/.test(w)) w = w.slice(0, -1);
  else if (w.endsWith("e") && !VOWEL.test(w.charAt(w.length - 2))) w = w.slice(0, -1);
  return singleVowel(w);
}

/**
 * The known parts of a compound word (at most two levels), or [] when it is not one.
 *
 * @example
 * compoundParts("innovatiesubsidie"); // ["innovatie", "subsidie"]
 * compoundParts("bedrijfsovername"); // ["bedrijf", "overname"]
 */
export function compoundParts(word: string): string[] {
  if (word.length < 8) return [];
  for (let i = 3; i <= word.length - 4; i++) {
    const head = word.slice(i);
    if (!LEXICON.has(head)) continue;
    let left = word.slice(0, i);
    // Linking sounds: "bedrijf-s-overname", "starter-s-lening".
    if (!LEXICON.has(left) && left.endsWith("s") && LEXICON.has(left.slice(0, -1))) left = left.slice(0, -1);
    const leftParts = LEXICON.has(left) ? [left] : left.length >= 8 ? compoundParts(left) : [];
    return [...leftParts, head];
  }
  return [];
}

/**
 * The text to index for one field: every word, plus its stem and compound parts (and
 * their stems) where they differ.
 *
 * @example
 * indexText("Innovatiesubsidies voor starters"); // "innovatiesubsidies innovatiesubsidie innovatie subsidies subsidie voor starters starter"
 */
export function indexText(input: string): string {
  const out: string[] = [];
  for (const word of words(input)) {
    const forms = new Set([word, stem(word)]);
    for (const part of compoundParts(word)) {
      forms.add(part);
      forms.add(stem(part));
    }
    out.push(...forms);
  }
  return out.join(" ");
}

/** One query word with the forms it may match as a prefix. */
export interface QueryWord {
  /** As typed, normalised. */
  word: string;
  /** Prefixes that count as a match (the stem first). */
  prefixes: string[];
  /** Compound parts that together also count as a match. */
  parts: string[];
}

export const MAX_QUERY_WORDS = 8;

/**
 * Splits a search query into words: normalised, stop words dropped, at most 8 words,
 * each with the prefixes and compound parts it may match.
 *
 * @example
 * parseQuery("Subsidie voor innovatie"); // [{ word: "subsidie", prefixes: ["subsidie"], parts: [] }, { word: "innovatie", … }]
 */
export function parseQuery(query: string): QueryWord[] {
  const seen = new Set<string>();
  const out: QueryWord[] = [];
  for (const word of words(query)) {
    if (STOPWORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
    const s = stem(word);
    const prefixes = s === word || word.startsWith(s) ? [s] : [s, word];
    out.push({ word, prefixes, parts: compoundParts(word).map(stem) });
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/**
 * The normalised form of a query for the insight counters: words without stop words, in
 * the order typed, at most 100 characters.
 *
 * @example
 * normaliseSearchTerm("  Subsidie voor Innovatie! "); // "subsidie innovatie"
 */
export function normaliseSearchTerm(query: string): string {
  return parseQuery(query)
    .map((w) => w.word)
    .join(" ")
    .slice(0, 100)
    .trim();
}

/** The words of indexed text that are worth offering as typo corrections (4+ letters, no digits). */
export function correctionCandidates(input: string): string[] {
  return [...new Set(words(input).filter((w) => w.length >= 4 && !/\d/.test(w)))];
}

/** Trigrams of a word as an FTS5 OR query for the trigram vocabulary index. */
export function trigramQuery(word: string): string {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
  return [...grams].map((g) => `"${g}"`).join(" OR ");
}
