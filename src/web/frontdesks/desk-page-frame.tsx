/** The frame of a desk's sub-pages (opening hours, closures): breadcrumbs, heading and the "saved" notice. */
import type { Child } from "hono/jsx";
import type { Web } from "../kit/context";
import { Breadcrumbs, Notice } from "../kit/ui";
import { desksBase } from "./shared";

export function DeskSubPage(p: { w: Web; desk: { id: string; name: string }; section: string; heading: string; children: Child }) {
  const { t } = p.w;
  const base = desksBase(p.w);
  return (
    <>
      <Breadcrumbs
        t={t}
        items={[
          [t("adm.desks.title"), base],
          [p.desk.name, `${base}/${p.desk.id}`],
          [p.section, null],
        ]}
      />
      <h1>{p.heading}</h1>
      {p.w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.saved")} /> : null}
      {p.children}
    </>
  );
}
