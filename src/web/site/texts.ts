/** The accessibility statement and the privacy statement: Dutch (the default) and English. */
import { texts } from "../i18n/texts";

export const siteTexts = texts({
  nl: {
    "a11y.title": "Toegankelijkheidsverklaring",
    "a11y.p1":
      "De Limburgse regio's en de Provincie Limburg willen dat iedereen deze website kan gebruiken, ook mensen met een beperking. Deze website moet voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals vastgelegd in EN 301 549.",
    "a11y.p2":
      "Alle pagina's zijn te bedienen met alleen het toetsenbord, werken zonder JavaScript, gebruiken voldoende kleurcontrast en zijn getest met geautomatiseerde controles (axe-core) en handmatig.",
    "a11y.statusH": "Nalevingsstatus",
    "a11y.p3": "Deze website voldoet naar ons beste weten gedeeltelijk aan WCAG 2.1 AA. Een volledig onderzoek door een onafhankelijke partij is gepland.",
    "a11y.p4": "Bekende beperkingen: de grafieken in het provinciaal overzicht hebben een tabel met dezelfde cijfers als alternatief.",
    "a11y.feedbackH": "Iets niet toegankelijk?",
    "a11y.p5": "Loopt u tegen een probleem aan? Meld het bij de regio waar u een afspraak wilt maken. We reageren binnen 5 werkdagen.",

    "privacy.title": "Privacy",
    "privacy.p1":
      "De regio (of gemeente) waarbij u een afspraak maakt, is verantwoordelijk voor uw gegevens. Het platform MKB Limburg verwerkt ze in opdracht van de regio.",
    "privacy.whatH": "Welke gegevens",
    "privacy.p2":
      "Wij vragen alleen uw naam, e-mailadres, eventueel uw telefoonnummer, bedrijfsnaam en KvK-nummer, het onderwerp en uw vraag, en het loket dat u kiest.",
    "privacy.p3":
      "Wij vragen nooit om uw burgerservicenummer (BSN), geboortedatum of een kopie van uw identiteitsbewijs. Zet ook geen gevoelige gegevens in uw vraag.",
    "privacy.whyH": "Waarvoor",
    "privacy.p4":
      "Alleen om uw afspraak te plannen, voor te bereiden en te houden, en om u daarover te mailen. De provincie ziet alleen totalen, nooit uw naam of vraag.",
    "privacy.keepH": "Hoe lang",
    "privacy.p5":
      "Na de afspraak worden uw persoonsgegevens na de bewaartermijn van de regio (standaard 12 maanden) verwijderd. Tellingen blijven anoniem bestaan.",
    "privacy.rightsH": "Uw rechten",
    "privacy.p6": "U kunt uw gegevens inzien via de link in uw bevestiging. Voor correctie of verwijdering neemt u contact op met de regio.",
  },
  en: {
    "a11y.title": "Accessibility statement",
    "a11y.p1":
      "The Limburg regions and the Province of Limburg want everyone to be able to use this website, including people with disabilities. This website must meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, as laid down in EN 301 549.",
    "a11y.p2":
      "All pages can be operated with the keyboard alone, work without JavaScript, use sufficient colour contrast and are tested with automated checks (axe-core) and by hand.",
    "a11y.statusH": "Compliance status",
    "a11y.p3": "To the best of our knowledge this website partially meets WCAG 2.1 AA. A full audit by an independent party is planned.",
    "a11y.p4": "Known limitations: the charts in the province overview have a table with the same figures as an alternative.",
    "a11y.feedbackH": "Something not accessible?",
    "a11y.p5": "Did you run into a problem? Report it to the region where you want to book. We respond within 5 working days.",

    "privacy.title": "Privacy",
    "privacy.p1": "The region (or municipality) where you book is responsible for your data. The MKB Limburg platform processes it on the region's behalf.",
    "privacy.whatH": "Which data",
    "privacy.p2":
      "We only ask for your name, e-mail address, optionally your phone number, company name and KvK number, the topic and your question, and the desk you choose.",
    "privacy.p3":
      "We never ask for your citizen service number (BSN), date of birth or a copy of your ID. Please do not put sensitive data in your question either.",
    "privacy.whyH": "What for",
    "privacy.p4": "Only to plan, prepare and hold your appointment and to e-mail you about it. The province only sees totals, never your name or question.",
    "privacy.keepH": "How long",
    "privacy.p5":
      "After the appointment, your personal data is deleted after the region's retention period (12 months by default). Counts remain, anonymously.",
    "privacy.rightsH": "Your rights",
    "privacy.p6": "You can view your data through the link in your confirmation. For correction or deletion, contact the region.",
  },
});
