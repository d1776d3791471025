import * as v from "valibot";
import { APPOINTMENT_STATUSES } from "../../db/schema";
import { normaliseKvk, normalisePhone } from "../../lib/dutch";
import { Id, Mode, Topic } from "../frontdesks/frontdesks.schemas";
import { noControlCharacters, singleLineText } from "../../lib/text";
import { FIRST_YEAR, LAST_YEAR, parseInstant, TIMEZONE } from "../../lib/time";
import { LOCALES } from "../../lib/vocabulary";
import { canonicalDutchMunicipality } from "../../lib/dutch-municipalities";

/** An instant in the years the platform deals in (the time-zone tables are only built for those). */
function isSupportedInstant(instant: number | null): boolean {
  return instant !== null && instant >= Date.UTC(FIRST_YEAR, 0, 1) && instant < Date.UTC(LAST_YEAR + 1, 0, 1);
}

const singleLine = singleLineText();

export const Instant = v.pipe(
  v.string("Give the time as an ISO 8601 string with an offset, e.g. 2027-03-29T10:00:00+02:00."),
  v.maxLength(40, "This time is too long."),
  v.check((s) => isSupportedInstant(parseInstant(s)), "Give the time as an ISO 8601 string with an offset, e.g. 2027-03-29T10:00:00+02:00."),
  v.transform((s) => parseInstant(s) as number),
);

export const EntrepreneurInput = v.object({
  name: v.pipe(
    v.string("Enter your name."),
    v.trim(),
    v.minLength(1, "Enter your name."),
    v.maxLength(120, "Your name can be at most 120 characters."),
    singleLine,
  ),
  email: v.pipe(
    v.string("Enter your e-mail address."),
    v.trim(),
    v.maxLength(254, "The e-mail address is too long."),
    v.email("Enter a valid e-mail address, e.g. naam@bedrijf.nl."),
    v.toLowerCase(),
  ),
  phone: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(30, "The phone number is too long."),
      v.transform((s) => (s === "" ? undefined : s)),
      v.check((s) => s === undefined || normalisePhone(s) !== null, "Enter a Dutch, Belgian or German phone number, e.g. 06 12345678 or +31 43 123 4567."),
      v.transform((s) => (s === undefined ? undefined : (normalisePhone(s) ?? undefined))),
    ),
  ),
  companyName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(160, "The company name can be at most 160 characters."), singleLine)),
  kvkNumber: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(20, "A KvK number has 8 digits."),
      v.transform((s) => (s === "" ? undefined : s)),
      v.check((s) => s === undefined || normaliseKvk(s) !== null, "A KvK number has exactly 8 digits."),
      v.transform((s) => (s === undefined ? undefined : (normaliseKvk(s) ?? undefined))),
    ),
  ),
  municipality: v.optional(
    v.pipe(
      v.string("Enter the name of a Dutch municipality, e.g. Maastricht or Venlo."),
      v.trim(),
      v.maxLength(80, "Enter the name of a Dutch municipality, e.g. Maastricht or Venlo."),
      v.transform((s) => (s === "" ? undefined : s)),
      v.check((s) => s === undefined || canonicalDutchMunicipality(s) !== null, "Enter the name of a Dutch municipality, e.g. Maastricht or Venlo."),
      v.transform((s) => (s === undefined ? undefined : (canonicalDutchMunicipality(s) ?? undefined))),
    ),
  ),
});

export const BookingBody = v.object({
  frontdeskId: Id,
  start: Instant,
  mode: Mode,
  topic: Topic,
  question: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, "Keep the question under 2000 characters."), noControlCharacters)),
  entrepreneur: EntrepreneurInput,
  consent: v.literal(true, "Consent is required: we need it to handle your appointment."),
  locale: v.optional(v.picklist(LOCALES)),
});

export const RescheduleBody = v.object({ start: Instant });

/** Any text: a link that is not one of ours is simply unknown (404), never a validation error. */
export const ManageTokenParam = v.object({ token: v.pipe(v.string(), v.maxLength(200)) });

export const AppointmentDto = v.object({
  id: v.string(),
  status: v.picklist(APPOINTMENT_STATUSES),
  frontdeskId: v.string(),
  frontdeskName: v.string(),
  start: v.string(),
  end: v.string(),
  mode: Mode,
  topic: Topic,
  reference: v.pipe(v.string(), v.description("The short appointment number people quote on the phone, e.g. 7KQ2-M9XD.")),
  videoUrl: v.optional(v.string()),
  location: v.optional(v.string()),
  locale: v.picklist(LOCALES),
});

export const BookingResponse = v.object({ appointment: AppointmentDto, manageToken: v.string(), manageUrl: v.string(), icsUrl: v.string() });

export const OwnAppointmentDto = v.object({
  ...AppointmentDto.entries,
  region: v.string(),
  question: v.nullable(v.string()),
  entrepreneur: v.object({
    name: v.nullable(v.string()),
    email: v.nullable(v.string()),
    phone: v.nullable(v.string()),
    companyName: v.nullable(v.string()),
    kvkNumber: v.nullable(v.string()),
    municipality: v.nullable(v.string()),
  }),
  frontdesk: v.object({
    id: v.string(),
    name: v.string(),
    address: v.string(),
    phone: v.nullable(v.string()),
    email: v.nullable(v.string()),
    municipality: v.string(),
    visitInfo: v.nullable(v.string()),
    accessInfo: v.nullable(v.string()),
  }),
  sequence: v.number(),
  createdAt: v.string(),
  canChange: v.boolean(),
  changeDeadline: v.string(),
});

export const AgendaAnswer = v.object({
  date: v.string(),
  timezone: v.literal(TIMEZONE),
  appointments: v.array(
    v.object({
      id: v.string(),
      status: v.string(),
      frontdeskId: v.string(),
      frontdeskName: v.string(),
      start: v.string(),
      end: v.string(),
      mode: v.string(),
      topic: v.string(),
      question: v.nullable(v.string()),
      entrepreneur: v.object({
        name: v.nullable(v.string()),
        email: v.nullable(v.string()),
        phone: v.nullable(v.string()),
        companyName: v.nullable(v.string()),
        kvkNumber: v.nullable(v.string()),
      }),
      videoUrl: v.optional(v.nullable(v.string())),
      earlierNoShows: v.number(),
      hasProfile: v.pipe(v.boolean(), v.description("The entrepreneur keeps a company profile (GET …/admin/appointments/{id}/entrepreneur-profile).")),
      outcomeNote: v.nullable(v.string()),
      canMarkOutcome: v.boolean(),
    }),
  ),
});

export const OutcomeAnswer = v.object({ appointment: v.object({ id: v.string(), status: v.string(), outcomeNote: v.nullable(v.string()) }) });

export const OwnAppointmentAnswer = v.object({ appointment: OwnAppointmentDto });
