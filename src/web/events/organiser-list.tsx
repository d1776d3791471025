/**
 * The organiser's events (`/beheer/:region/evenementen`, `/partner/:org/evenementen`) in every
 * state, latest first, filtered by status; for a region admin `?status=in_review` is the
 * review queue (new events and pending changes of its organisations). The service of
 * `GET …/admin/events` and `GET /organisations/{org}/events`.
 */
import { EVENT_STATUSES, type EventStatus } from "../../db/schema";
import type { EventAdmin } from "../../features/events/events.dto";
import { OrganiserListQuery } from "../../features/events/events.schemas";
import { listOrganiserEvents } from "../../features/events/events.service";
import type { Web } from "../kit/context";
import { day } from "../kit/format";
import { parseForm } from "../kit/form";
import { pageRoute, render, withQuery, type PageRoute } from "../kit/page";
import { DataTable, numCol } from "../kit/ui";
import { localDate } from "../../lib/time";
import { eventStatusLabel } from "./shared";
import { ORGANISATION_ORGANISERS, organiserOf, OrganiserCrumbs, PARTNER_BASE, REGION_BASE, REGION_ORGANISERS, type Organiser } from "./organiser-shared";

/** The status with a pending or rejected change beside it. */
export function StatusText({ w, event }: { w: Web; event: Pick<EventAdmin, "status" | "revisionStatus"> }) {
  const { t } = w;
  return (
    <>
      <span class={`status status--${event.status === "published" ? "confirmed" : event.status === "cancelled" ? "cancelled" : "completed"}`}>
        {eventStatusLabel(w, event.status)}
      </span>
      {event.revisionStatus === "in_review" ? <span class="badge">{t("evo.revisionPending")}</span> : null}
      {event.revisionStatus === "rejected" ? <span class="badge badge--warning">{t("evo.revisionRejected")}</span> : null}
    </>
  );
}

function StatusNav({ w, o, current }: { w: Web; o: Organiser; current: EventStatus | undefined }) {
  const { t } = w;
  const items: Array<[EventStatus | undefined, string]> = [
    [undefined, t("evo.list.all")],
    ...EVENT_STATUSES.map((s): [EventStatus, string] => [
      s,
      s === "in_review" && o.scope.kind === "region" ? t("evo.list.reviewQueue") : eventStatusLabel(w, s),
    ]),
  ];
  return (
    <nav aria-label={t("evo.list.statusNav")} class="tabs">
      <ul>
        {items.map(([status, label]) => (
          <li>
            <a href={withQuery(o.base, { status })} aria-current={status === current ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

async function organiserListPage(w: Web) {
  const { t } = w;
  const o = organiserOf(w);
  const status = w.c.req.query("status");
  const cursor = w.c.req.query("cursor");
  const parsed = parseForm(t, OrganiserListQuery, { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }, []);
  const query = parsed.ok ? parsed.value : { limit: 20 };
  const page = await listOrganiserEvents(o.scope, query);
  const current = parsed.ok ? parsed.value.status : undefined;
  const lead = o.scope.kind === "region" ? t("evo.list.leadRegion") : t("evo.list.lead", { name: o.name });
  return render(w, {
    title: t("evo.list.title"),
    status: parsed.ok ? 200 : 400,
    body: (
      <>
        <OrganiserCrumbs w={w} o={o} />
        <h1>{t("evo.list.title")}</h1>
        <p class="lead">{lead}</p>
        <p class="actions">
          <a class="button button--primary" href={`${o.base}/nieuw`}>
            {t("evo.list.new")}
          </a>
        </p>
        <StatusNav w={w} o={o} current={current} />
        <DataTable
          t={t}
          caption={t("evo.list.title")}
          columns={[
            t("evo.col.title"),
            t("evo.col.first"),
            t("evo.col.status"),
            t("evo.col.organiser"),
            numCol(t("evo.col.places")),
            numCol(t("evo.col.waitlist")),
          ]}
          empty={page.events.length === 0 ? t("evo.list.none") : false}
        >
          {page.events.map((e) => {
            const first = e.sessions[0];
            return (
              <tr>
                <th scope="row">
                  <a href={`${o.base}/${e.id}`}>{e.title}</a>
                </th>
                <td>{first ? day(localDate(Date.parse(first.start)), w.locale, { short: true }) : "—"}</td>
                <td>
                  <StatusText w={w} event={e} />
                </td>
                <td>{e.organiser.name}</td>
                <td class="num">{`${e.counts.confirmed} / ${e.capacity}`}</td>
                <td class="num">{e.counts.waitlisted}</td>
              </tr>
            );
          })}
        </DataTable>
        {page.nextCursor ? (
          <p>
            <a href={withQuery(o.base, { status: current, cursor: page.nextCursor })}>{t("ev.list.more")}</a>
          </p>
        ) : null}
      </>
    ),
  });
}

export const organiserListPages: PageRoute[] = [
  pageRoute("get", REGION_BASE, REGION_ORGANISERS, organiserListPage),
  pageRoute("get", PARTNER_BASE, ORGANISATION_ORGANISERS, organiserListPage),
];
