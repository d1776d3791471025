/**
 * The one rule for control characters in text people enter.
 *
 * A control character is a C0 control (U+0000–U+001F), DEL (U+007F), a C1 control
 * (U+0080–U+009F; NEL U+0085 breaks lines for some parsers) or the Unicode line and
 * paragraph separators (U+2028, U+2029): nobody types them on purpose, and each can break a
 * line in an e-mail header, a calendar file or a log. Free text (a question, a note) may
 * hold tab, line feed and carriage return; a single-line value (a name, an address) none.
 */
import * as v from "valibot";

const CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029";
const CONTROLS_BUT_TAB_AND_NEWLINES = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029";
const CONTROLS_BUT_TAB = "\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u2028\\u2029";

/** Matches any control character (the definition above). */
export const CONTROL_CHARACTER = new RegExp(`[${CONTROLS}]`);
const FREE_TEXT_CONTROL = new RegExp(`[${CONTROLS_BUT_TAB_AND_NEWLINES}]`);

/** True when `value` holds a control character; `lineBreaks` allows tab, LF and CR (free text). */
export function hasControlCharacters(value: string, opts: { lineBreaks: boolean }): boolean {
  return (opts.lineBreaks ? FREE_TEXT_CONTROL : CONTROL_CHARACTER).test(value);
}

/** Free text (a question, a note): line breaks allowed, other control characters refused. */
export const noControlCharacters = v.check<string, string>((s) => !hasControlCharacters(s, { lineBreaks: true }), "Remove the special (control) characters.");

/** One-line values (names, addresses): no line breaks, no control characters. */
export const singleLineText = (message = "Use a single line without special characters.") =>
  v.check<string, string>((s) => !hasControlCharacters(s, { lineBreaks: false }), message);

/**
 * Removes every control character but tab (calendar files allow HTAB only, RFC 5545 §3.3.11;
 * line breaks are escaped before this runs).
 */
export function removeControlCharacters(value: string): string {
  return value.replace(new RegExp(`[${CONTROLS_BUT_TAB}]`, "g"), "");
}

const CONTROL_RUNS = new RegExp(`[${CONTROLS}]+`, "g");

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

/** A choice from a fixed list, with the list in the message. */
export const pick = <T extends readonly [string, ...string[]]>(values: T) => v.picklist(values, `Choose one of: ${values.join(", ")}.`);

/** A required single line of at most `max` characters (trimmed), named `label` in the messages. */
export const requiredLine = (label: string, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(1, `Enter the ${label}.`),
    v.maxLength(max, `The ${label} can be at most ${max} characters.`),
    singleLineText(`The ${label} must be a single line without special characters.`),
  );

/** Required free text of at most `max` characters (trimmed; line breaks allowed). */
export const requiredParagraphs = (label: string, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(1, `Enter the ${label}.`),
    v.maxLength(max, `The ${label} can be at most ${max} characters.`),
    noControlCharacters,
  );

/** A list of `min` to 30 distinct items. */
export const uniqueList = <T extends v.GenericSchema>(item: T, label: string, min = 1) =>
  v.pipe(
    v.array(item, `Give the ${label} as a list.`),
    v.minLength(min, `Choose at least one of the ${label}.`),
    v.maxLength(30, `Choose at most 30 ${label}.`),
    v.check((list) => new Set(list).size === list.length, `Name each of the ${label} once.`),
  );
