import * as v from "valibot";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they must never reach e-mails, headers or calendar files.
const CONTROL_EXCEPT_NEWLINES = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, and single-line values allow no line breaks either.
const CONTROL_ANY = /^[^\u0000-\u001F\u007F]*$/;

/** Free text (a question, a note): line breaks allowed, other control characters refused. */
export const noControlCharacters = v.regex(CONTROL_EXCEPT_NEWLINES, "Remove the special (control) characters.");

/** One-line values (names, addresses): no line breaks, no control characters. */
export const singleLineText = (message = "Use a single line without special characters.") => v.regex(CONTROL_ANY, message);
