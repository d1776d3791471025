import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { sql } from "../../lib/sql-template";
import { decodeEvent, EVENT_COLUMNS, EVENT_FROM } from "./events.repo";
import { promotionStatements } from "./events.service";

/**
 * Erasure of one entrepreneur's data in a region (AVG/GDPR): their live registrations for
 * events still ahead are cancelled (the freed places go to the wait-list, whose promoted get
 * their mail), and every registration with the address loses its personal data. The last
 * statement is the anonymisation (its row count is the number of registrations erased).
 */
export async function eraseRegistrationStatements(db: Db, regionId: string, email: string, now: number): Promise<InStatement[]> {
  const affected = await db.client.execute(
    sql`select ${EVENT_COLUMNS} from ${EVENT_FROM} where e.region_id = ${regionId} and e.status = 'published' and e.first_start_at > ${now}
        and e.id in (select event_id from event_registrations where region_id = ${regionId} and email = ${email} and status in ('confirmed', 'waitlisted'))`.statement(),
  );
  return [
    {
      sql: `update event_registrations set status = 'cancelled', cancelled_at = ?, sequence = sequence + 1, updated_at = ?
            where region_id = ? and email = ? and status in ('confirmed', 'waitlisted')
              and event_id in (select id from events where region_id = ? and status = 'published' and first_start_at > ?)`,
      args: [now, now, regionId, email, regionId, now],
    },
    ...affected.rows.flatMap((row) => promotionStatements(decodeEvent(row), now, null)),
    {
      sql: `update event_registrations set name = null, email = null, company_name = null, kvk_number = null, feedback_comment = null, anonymised_at = ?, updated_at = ?
            where region_id = ? and email = ?`,
      args: [now, now, regionId, email],
    },
  ];
}
