/**
 * Password rules for staff accounts. A new password must be 12 to 200 characters, and:
 * - not the account's current password, nor the published password of the demo accounts;
 * - not built from the user's e-mail address or name, nor from the platform's name or a
 *   region's name or slug (what is left after taking those out, and digits and symbols,
 *   must be a real word of at least four letters);
 * - hard to guess for a strength estimator (zxcvbn-ts, `password-strength.ts`) that knows
 *   the most common passwords, keyboard patterns, repeats, sequences, dates, and English
 *   and Dutch words and names, and is told the user's own data and the platform's names:
 *   at least 10^10 guesses (zxcvbn's top score).
 * Each refusal says why in plain words (the API's message) and carries its reason code
 * ({@link PasswordRefused}), which the web front shows in the page's language.
 */
import { DomainError } from "../../lib/errors";
import { verifyPassword } from "../../lib/password";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's top score: at least 10^10 guesses. */
export const MIN_GUESSES_LOG10 = 10;

/** The password of the demo accounts, published in the README: never acceptable. */
const PUBLISHED_PASSWORDS = ["MKB-demo-2027!"];
/** The platform's own names: a password built from them is among the first an attacker tries. */
const PLATFORM_WORDS = ["mkb", "limburg", "mkb-limburg", "mkblimburg", "mkb limburg", "mkb-aanpak", "ondernemersloket", "frontdesk", "afspraak"];

/** Every reason a password can be refused, with the message the API gives (English). */
export const PASSWORD_PROBLEMS = {
  tooShort: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters (a few words in a row work well).`,
  tooLong: `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`,
  same: "Choose a new password that differs from the current one.",
  published: "This password is published (it is the password of the demo accounts). Choose another one.",
  email: "Choose a password that is not built from your e-mail address.",
  name: "Choose a password that is not built from your name.",
  platform: "Choose a password that is not built from the name of the platform or of a region.",
  digits: "Choose a password that is not only digits.",
  common: "This password is too common and easy to guess. Choose another one.",
  repeated: 'Repeats such as "aaa" or "abcabc" are easy to guess. Choose another password.',
  keyboard: "Rows and patterns of keys on the keyboard (such as qwerty) are easy to guess. Choose another password.",
  sequence: "Sequences such as abc or 1234 are easy to guess. Choose another password.",
  dates: "Dates and years are easy to guess. Choose another password.",
  words: "A single word or name is easy to guess. Add a few more words that belong less together.",
  personal: "Choose a password without your name, your e-mail address or the name of the platform or a region.",
  weak: "This password is too easy to guess. Make it longer, for example with a few more words.",
} as const;

export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/** What the policy knows about the account whose password is being set. */
export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
  /** The regions' names and slugs (the platform's tenants). */
  regions?: readonly { slug: string; name: string }[] | undefined;
  /** The account's current password hash, to refuse setting the same password again. */
  currentPasswordHash?: string | null | undefined;
}

/**
 * A refused password: a validation error on the field `path` whose message is the policy's
 * (English) wording, and whose `reason` lets a client word it in its own language.
 * @example throw new PasswordRefused("password", "tooShort")
 */
export class PasswordRefused extends DomainError {
  constructor(
    path: string,
    readonly reason: PasswordProblem,
  ) {
    super("validation_failed", PASSWORD_PROBLEMS[reason], [{ path, message: PASSWORD_PROBLEMS[reason] }]);
  }
}

/** The code of a policy message (for showing it in another language), or null for another message. */
export function passwordProblemCode(message: string): PasswordProblem | null {
  for (const [code, text] of Object.entries(PASSWORD_PROBLEMS)) if (text === message) return code as PasswordProblem;
  return null;
}

function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The words of a piece of user data: "an.jansen@example.nl" → ["an.jansen@example.nl", "an.jansen", "jansen", "example", …]. */
function wordsOf(text: string | undefined): string[] {
  if (!text) return [];
  const folded = fold(text.trim());
  if (!folded) return [];
  const local = folded.split("@")[0] ?? "";
  const parts = folded.split(/[^a-z0-9]+/).filter((p) => p.length >= 2);
  return [...new Set([folded, local, ...parts])];
}

/** Whether the password is only these words (any order, any number), digits and symbols. */
function builtFrom(password: string, words: string[]): boolean {
  let rest = fold(password);
  const used = words.filter((w) => w.length >= 2).sort((a, b) => b.length - a.length);
  let removedAny = false;
  for (const word of used) {
    if (rest.includes(word)) {
      rest = rest.split(word).join(" ");
      removedAny = true;
    }
  }
  return removedAny && rest.replace(/[^a-z]/g, "").length < 4;
}

const WARNING_PROBLEMS: Record<string, PasswordProblem> = {
  topTen: "common",
  topHundred: "common",
  common: "common",
  similarToCommon: "common",
  pwned: "common",
  simpleRepeat: "repeated",
  extendedRepeat: "repeated",
  straightRow: "keyboard",
  keyPattern: "keyboard",
  sequences: "sequence",
  recentYears: "dates",
  dates: "dates",
  wordByItself: "words",
  namesByThemselves: "words",
  commonNames: "words",
  userInputs: "personal",
};

function problem(code: PasswordProblem): { code: PasswordProblem; message: string } {
  return { code, message: PASSWORD_PROBLEMS[code] };
}

/**
 * Returns what is wrong with a new password, or null when it is acceptable.
 * @example await passwordProblem("zuid-limburg12", { regions: [{ slug: "zuid-limburg", name: "Zuid-Limburg" }] })
 * // { code: "platform", message: "Choose a password that is not built from the name of the platform or of a region." }
 */
export async function passwordProblem(password: string, context: PasswordContext = {}): Promise<{ code: PasswordProblem; message: string } | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return problem("tooShort");
  if (password.length > PASSWORD_MAX_LENGTH) return problem("tooLong");
  const compact = fold(password).replace(/\s+/g, "");
  if (PUBLISHED_PASSWORDS.some((p) => fold(p).replace(/\s+/g, "") === compact)) return problem("published");
  if (/^[0-9\s]+$/.test(password)) return problem("digits");
  const emailWords = wordsOf(context.email);
  const nameWords = wordsOf(context.name);
  const platformWords = [...PLATFORM_WORDS, ...(context.regions ?? []).flatMap((r) => [...wordsOf(r.slug), ...wordsOf(r.name)])];
  if (emailWords.length && builtFrom(password, emailWords)) return problem("email");
  if (nameWords.length && builtFrom(password, nameWords)) return problem("name");
  if (builtFrom(password, platformWords)) return problem("platform");
  if (builtFrom(password, [...emailWords, ...nameWords, ...platformWords])) return problem("personal");
  if (context.currentPasswordHash && (await verifyPassword(password, context.currentPasswordHash))) return problem("same");
  // The estimator and its dictionaries load only here, where a password is being set.
  const { estimateStrength } = await import("./password-strength");
  const strength = estimateStrength(password, [...new Set([...emailWords, ...nameWords, ...platformWords])]);
  if (strength.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  return problem(WARNING_PROBLEMS[strength.warning ?? ""] ?? "weak");
}
