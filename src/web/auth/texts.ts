/** Signing in and the staff start page: Dutch (the default) and English. */
import { texts } from "../i18n/texts";

export const authTexts = texts({
  nl: {
    "login.title": "Inloggen voor medewerkers",
    "login.lead": "Voor medewerkers van loketten, regio's en de provincie.",
    "login.email": "E-mailadres",
    "login.password": "Wachtwoord",
    "login.submit": "Inloggen",
    "login.entrepreneurs": "Bent u ondernemer? U heeft geen account nodig om een afspraak te maken.",

    "staff.homeTitle": "Beheer per regio",

    "login.forgot": "Wachtwoord vergeten?",
  },
  en: {
    "login.title": "Staff sign-in",
    "login.lead": "For staff of frontdesks, regions and the province.",
    "login.email": "E-mail address",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.entrepreneurs": "Are you an entrepreneur? You do not need an account to book an appointment.",

    "staff.homeTitle": "Management per region",

    "login.forgot": "Forgot your password?",
  },
});
