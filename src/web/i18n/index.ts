import { en } from "./en";
import { nl } from "./nl";
import type { Locale } from "../../lib/vocabulary";

export type MessageKey = keyof typeof nl;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Locale, Catalogue> = { nl, en };

/** Looks a text up and fills `{name}` placeholders. */
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * @example translator("en")("booking.title") // "Book an appointment"
 */
export function translator(locale: Locale): T {
  const catalogue = catalogues[locale];
  return (key, vars) => {
    const text = catalogue[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
