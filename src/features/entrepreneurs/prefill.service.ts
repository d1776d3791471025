/**
 * What the booking form may fill in for a signed-in entrepreneur: the verified address, the
 * company and KvK number of their profile, and the name and phone number they gave with their
 * latest appointment. One read batch (the overview's own statements). The booking itself
 * requires and checks everything as for anyone else.
 */
import type { Db } from "../../db/client";
import type { EntrepreneurActor } from "../../lib/context";
import { appointmentsStatement, profileStatement } from "./entrepreneurs.repo";
import { num, readParts, rowsOf, textOrNull } from "./overview.service";

export interface BookingPrefill {
  email: string;
  name: string | null;
  phone: string | null;
  companyName: string | null;
  kvkNumber: string | null;
}

/**
 * @example const prefill = await bookingPrefill(db, me); // { email: "an@brood.nl", name: "An Brood", … }
 */
export async function bookingPrefill(db: Db, me: EntrepreneurActor): Promise<BookingPrefill> {
  const parts = await readParts(db, { profile: profileStatement(me.id), appointments: appointmentsStatement(me.email) });
  const profile = rowsOf(parts.profile)[0];
  const latest = [...rowsOf(parts.appointments)].filter((r) => r.name !== null).sort((a, b) => num(b.created_at) - num(a.created_at))[0];
  return {
    email: me.email,
    name: textOrNull(latest?.name),
    phone: textOrNull(latest?.phone),
    companyName: textOrNull(profile?.company_name) ?? textOrNull(latest?.company_name),
    kvkNumber: textOrNull(profile?.kvk_number) ?? textOrNull(latest?.kvk_number),
  };
}
