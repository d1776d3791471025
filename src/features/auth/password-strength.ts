/**
 * The password strength estimator: zxcvbn-ts with the common password list and keyboard
 * graphs, English common words and first names, and the Dutch dictionaries (common words,
 * Wikipedia words, first names and surnames of `language-nl-be`). English surnames and
 * English Wikipedia words are left out to keep the Worker bundle small; the Dutch lists and
 * the common passwords matter most here.
 *
 * This module is heavy (the dictionaries are ~0.6 MiB compressed and take a few hundred
 * milliseconds to index), so it is only ever loaded with `import()` where a password is set:
 * a request that does not set a password never evaluates it.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
// One list at a time: the packages' index files would pull every list into the bundle.
import adjacencyGraphs from "@zxcvbn-ts/language-common/dist/adjacencyGraphs.json.mjs";
import dicewareCommon from "@zxcvbn-ts/language-common/dist/diceware.json.mjs";
import passwordsCommon from "@zxcvbn-ts/language-common/dist/passwords.json.mjs";
import firstnamesEn from "@zxcvbn-ts/language-en/dist/firstnames.json.mjs";
import boysFirstnamesNl from "@zxcvbn-ts/language-nl-be/dist/boysFirstnames.json.esm.js";
import commonWordsNl from "@zxcvbn-ts/language-nl-be/dist/commonWords.json.esm.js";
import girlsFirstnamesNl from "@zxcvbn-ts/language-nl-be/dist/girlsFirstnames.json.esm.js";
import lastnamesNl from "@zxcvbn-ts/language-nl-be/dist/lastnames.json.esm.js";
import wikipediaNl from "@zxcvbn-ts/language-nl-be/dist/wikipedia.json.esm.js";

/**
 * Dutch passwords and password words that the international list lacks, most common first
 * (the estimator treats a match here as a known password, like its own list).
 */
const DUTCH_PASSWORDS = [
  "wachtwoord",
  "welkom",
  "geheim",
  "hallo",
  "welkom01",
  "welkom123",
  "wachtwoord1",
  "wachtwoord123",
  "geheim123",
  "hallo123",
  "hallohallo",
  "welkomwelkom",
  "ikhouvanjou",
  "voetbal",
  "zomer",
  "lente",
  "herfst",
  "winter",
  "maandag",
  "januari",
  "februari",
  "december",
  "nederland",
  "holland",
  "amsterdam",
  "rotterdam",
  "utrecht",
  "maastricht",
  "heerlen",
  "venlo",
  "roermond",
  "sittard",
  "limburg",
  "carnaval",
  "alaaf",
  "vastelaovend",
  "ajax",
  "feyenoord",
  "psv",
  "mvv",
  "fortuna",
  "ondernemer",
  "ondernemen",
  "bedrijf",
  "loket",
  "provincie",
  "gemeente",
  "afspraak",
  "beheerder",
  "inloggen",
];

/** The Dutch package (v3) ships its lists as comma-separated text. */
function list(value: string | string[]): string[] {
  return typeof value === "string" ? value.split(",") : value;
}

let factory: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: {
      "passwords-common": passwordsCommon,
      "diceware-common": dicewareCommon,
      "passwords-nl": DUTCH_PASSWORDS,
      "firstnames-en": firstnamesEn,
      "commonWords-nl": list(commonWordsNl),
      "wikipedia-nl": list(wikipediaNl),
      "boysFirstnames-nl": list(boysFirstnamesNl),
      "girlsFirstnames-nl": list(girlsFirstnamesNl),
      "lastnames-nl": list(lastnamesNl),
    },
    graphs: adjacencyGraphs,
    // No translations: feedback comes back as plain keys ("straightRow"), which the policy
    // turns into its own messages.
  });
  return factory;
}

/** What the estimator says about a password: log10 of the guesses needed, and the main weakness. */
export interface Strength {
  guessesLog10: number;
  warning: string | null;
}

/**
 * @example estimateStrength("qwertyqwerty", []).warning // "extendedRepeat"
 */
export function estimateStrength(password: string, userInputs: string[]): Strength {
  const result = estimator().check(password, userInputs);
  return { guessesLog10: result.guessesLog10, warning: result.feedback.warning };
}
