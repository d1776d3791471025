/** The region admin's failed notifications: Dutch (the default) and English. */
import { texts } from "../i18n/texts";

export const notificationTexts = texts({
  nl: {
    "adm.notif.title": "Mislukte e-mails",
    "adm.notif.intro":
      "Deze berichten aan ondernemers konden na alle pogingen niet worden afgeleverd. Controleer het e-mailadres of bel de ondernemer, en probeer het daarna opnieuw.",
    "adm.notif.none": "Er zijn geen mislukte berichten.",
    "adm.notif.created": "Aangemaakt",
    "adm.notif.kind": "Soort",
    "adm.notif.recipient": "Ontvanger",
    "adm.notif.error": "Foutmelding",
    "adm.notif.attempts": "Pogingen",
    "adm.notif.retry": "Opnieuw versturen",
    "adm.notif.requeued": "Het bericht staat weer in de wachtrij.",
  },
  en: {
    "adm.notif.title": "Failed e-mails",
    "adm.notif.intro":
      "These messages to entrepreneurs could not be delivered after every retry. Check the e-mail address or call the entrepreneur, then try again.",
    "adm.notif.none": "There are no failed messages.",
    "adm.notif.created": "Created",
    "adm.notif.kind": "Type",
    "adm.notif.recipient": "Recipient",
    "adm.notif.error": "Error",
    "adm.notif.attempts": "Attempts",
    "adm.notif.retry": "Send again",
    "adm.notif.requeued": "The message is back in the queue.",
  },
});
