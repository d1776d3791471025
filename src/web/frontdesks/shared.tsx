/** What the region admin's desk pages share: the access rule, the links and the Carnival preset. */
import { carnivalDays } from "../../features/availability/holidays";
import { rolesAccess } from "../../features/auth/policy";
import { todayLocal } from "../../lib/time";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { Panel } from "../kit/ui";

export const ADMIN = rolesAccess("region_admin");

/** The desks list of the page's region; a desk's pages live below it. */
export const desksBase = (w: Web) => `/beheer/${w.region?.slug ?? ""}/loketten`;

const CARNIVAL_KEYS = {
  region: { title: "adm.carnival.regionTitle", text: "adm.carnival.regionText", button: "adm.carnival.regionButton" },
  desk: { title: "adm.carnival.title", text: "adm.carnival.text", button: "adm.carnival.button" },
} as const;

/** The year of the coming Carnival: this year's, or next year's once its Tuesday has passed. */
export function comingCarnivalYear(w: Web): number {
  const today = todayLocal(w.now);
  const year = Number(today.slice(0, 4));
  return carnivalDays(year)[1] >= today ? year : year + 1;
}

/** Closing on the coming carnival days (this year's, or next year's once they have passed), for the whole region or one desk. */
export function CarnivalPanel({ w, of, action, done }: { w: Web; of: "region" | "desk"; action: string; done?: boolean }) {
  const { t, locale } = w;
  const keys = CARNIVAL_KEYS[of];
  const carnivalYear = comingCarnivalYear(w);
  return (
    <Panel id="carnival" title={t(keys.title)} class={of === "region" ? "section" : undefined}>
      <p>
        {t(keys.text, {
          days: carnivalDays(carnivalYear)
            .map((d) => day(d, locale))
            .join(` ${t("adm.and")} `),
        })}
      </p>
      {done ? (
        <p class="notice notice--success">{t(of === "region" ? "ra.carnival.doneRegion" : "ra.carnival.doneDesk", { year: carnivalYear })}</p>
      ) : (
        <form method="post" action={action}>
          <input type="hidden" name="year" value={String(carnivalYear)} />
          <button type="submit" class="button button--secondary">
            {t(keys.button, { year: carnivalYear })}
          </button>
        </form>
      )}
    </Panel>
  );
}
