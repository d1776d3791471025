import * as v from "valibot";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they must never reach e-mails, headers or calendar files.
const CONTROL_EXCEPT_NEWLINES = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, and single-line values allow no line breaks either.
const CONTROL_ANY = /^[^\u0000-\u001F\u007F]*$/;

/** Free text (a question, a note): line breaks allowed, other control characters refused. */
export const noControlCharacters = v.regex(CONTROL_EXCEPT_NEWLINES, "Remove the special (control) characters.");

/** One-line values (names, addresses): no line breaks, no control characters. */
export const singleLineText = (message = "Use a single line without special characters.") => v.regex(CONTROL_ANY, message);

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Flattens user text for the plain-text part of an e-mail: control characters (and U+2028/U+2029)
 * become spaces, so a name can never start a line of its own and pose as a link or instruction.
 * @example toOneLine("Anna\r\nBcc: x") // "Anna Bcc: x"
 */
export function toOneLine(value: string): string {
  return value
    .replace(CONTROL_RUNS, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}
