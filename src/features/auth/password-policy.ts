/**
 * Password rules for staff accounts: at least 12 characters, at most 200, not one of the
 * most common passwords (also not with a number or symbol tacked on), not the e-mail
 * address or name, not one repeated character. Messages are meant for the person typing.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The most common passwords and words they are built from (international and Dutch lists, lowercased). */
const COMMON = [
  "123456", "123456789", "12345678", "12345", "1234567", "1234567890", "123123", "111111", "000000", "654321",
  "123321", "666666", "121212", "112233", "7777777", "987654321", "123456789012", "1234567891", "12345678910", "123123123",
  "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx", "qazwsx", "qazwsxedc", "qwerty", "qwerty123",
  "qwertyuiop", "qwertyuiop123", "qwerty12345", "asdfgh", "asdfghjkl", "asdfghjkl123", "zxcvbnm", "zxcvbnm123", "azerty", "azertyuiop",
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "passwort",
  "wachtwoord", "wachtwoord1", "wachtwoord123", "welkom", "welkom01", "welkom123", "welkomwelkom", "geheim", "geheim123", "hallo",
  "hallo123", "hallohallo", "welcome", "welcome1", "welcome123", "letmein", "letmeinnow", "admin", "admin123", "administrator",
  "root", "toor", "changeme", "default", "secret", "master", "login", "guest", "test", "test123",
  "testtest", "iloveyou", "iloveyou1", "princess", "sunshine", "football", "baseball", "soccer", "hockey", "monkey",
  "dragon", "shadow", "superman", "batman", "pokemon", "starwars", "michael", "jennifer", "jordan", "charlie",
  "thomas", "daniel", "jessica", "ashley", "hunter", "hunter2", "trustno1", "whatever", "freedom", "mustang",
  "killer", "flower", "cheese", "computer", "internet", "samsung", "google", "apple", "microsoft", "linkedin",
  "facebook", "twitter", "summer", "winter", "spring", "autumn", "zomer", "winter2024", "lente", "herfst",
  "maandag", "januari", "februari", "december", "maastricht", "limburg", "heerlen", "venlo", "roermond", "sittard",
  "ajax", "psv", "feyenoord", "mvv", "fortuna", "rodajc", "vvv", "nederland", "holland", "amsterdam",
  "rotterdam", "utrecht", "carnaval", "alaaf", "vastelaovend", "mkb", "mkblimburg", "mkb-limburg", "ondernemer", "ondernemen",
  "bedrijf", "loket", "frontdesk", "provincie", "gemeente", "afspraak", "abc123", "abcdef", "abcdefgh", "abcdefghijkl",
  "aaaaaa", "a1b2c3", "a1b2c3d4", "qwe123", "asd123", "zxc123", "lovely", "loveme", "love", "babygirl",
  "anthony", "robert", "matthew", "andrew", "joshua", "liverpool", "chelsea", "arsenal", "barcelona", "manchester",
  "ninja", "solo", "access", "access14", "biteme", "buster", "tigger", "ginger", "pepper", "snoopy",
  "chocolate", "cookie", "butterfly", "purple", "orange", "banana", "corvette", "ferrari", "porsche", "harley",
  "matrix", "mercedes", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "1a2b3c4d", "147258369", "159753", "741852963", "password!",
];
const COMMON_SET = new Set(COMMON);

function stripDecoration(value: string): string {
  // "Wachtwoord2024!" → "wachtwoord": trailing or leading digits and symbols do not make a word safe.
  return value.toLowerCase().replace(/^[^a-z]+/, "").replace(/[^a-z]+$/, "");
}

/**
 * Returns what is wrong with a new password, or null when it is acceptable.
 * @example passwordProblem("wachtwoord123", { email: "a@b.nl" }) // "This password is too common…"
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters (a few words in a row work well).`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (/^(.)\1+$/.test(password)) return "Choose a password that is not one repeated character.";
  const compact = lower.replace(/[^a-z0-9]/g, "");
  if (COMMON_SET.has(lower) || COMMON_SET.has(compact) || COMMON_SET.has(stripDecoration(lower)) || COMMON_SET.has(stripDecoration(compact))) {
    return "This password is too common and easy to guess. Choose another one.";
  }
  // A run of one keyboard row or counting digits only.
  if (/^[0-9]+$/.test(password)) return "Choose a password that is not only digits.";
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split("@")[0] ?? "";
    if (lower === email || lower.includes(email) || (local.length >= 4 && stripDecoration(lower) === stripDecoration(local))) {
      return "Choose a password that is not your e-mail address.";
    }
  }
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 4 && (lower === name || stripDecoration(lower) === stripDecoration(name) || compact === name.replace(/[^a-z0-9]/g, ""))) {
    return "Choose a password that is not your name.";
  }
  return null;
}

export const COMMON_PASSWORD_COUNT = COMMON_SET.size;
