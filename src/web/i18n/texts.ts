/**
 * One feature's texts in both languages. `en` must have exactly the keys of `nl` (checked
 * here by the type; `test/web/i18n.test.ts` also checks the placeholders match).
 * @example export const bookingTexts = texts({ nl: { "booking.title": "Afspraak maken" }, en: { "booking.title": "Book an appointment" } });
 */
export function texts<K extends string>(catalogue: { nl: Record<K, string>; en: Record<NoInfer<K>, string> }) {
  return catalogue;
}
