import { html } from "hono/html";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { buildOpenApi, OpenApiDocument } from "./openapi";

type OpenApiDoc = ReturnType<typeof buildOpenApi>;
interface Operation {
  summary: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
  "x-roles"?: string[];
}

/** Renders the OpenAPI document as a plain, readable HTML page (no external scripts). */
export function renderReference(doc: OpenApiDoc) {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, Operation>)) {
      const tag = op.tags[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)?.push({ method, path, op });
    }
  }
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · MKB Limburg</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><a class="skip-link" href="#main">Skip to content</a>
<main id="main" class="container reference">
<h1>${doc.info.title}</h1>
<p>${doc.info.description}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI ${doc.openapi}). Errors always have the shape <code>{ "error": { "code", "message", "issues?" } }</code>.</p>
<nav aria-label="Sections"><ul>${[...byTag.keys()].map((tag) => html`<li><a href="#${tag.toLowerCase().replace(/\W+/g, "-")}">${tag}</a></li>`)}</ul></nav>
${[...byTag.entries()].map(
  ([tag, ops]) => html`<section aria-labelledby="${tag.toLowerCase().replace(/\W+/g, "-")}">
<h2 id="${tag.toLowerCase().replace(/\W+/g, "-")}">${tag}</h2>
${ops.map(
  ({ method, path, op }) => html`<article class="endpoint">
<h3><span class="method method-${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p>${op.summary}${op["x-roles"] ? html` <em>(signed in: ${op["x-roles"].join(", ")})</em>` : ""}</p>
${op.parameters.length ? html`<table><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th></tr></thead><tbody>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? "yes" : "no"}</td></tr>`)}</tbody></table>` : ""}
${op.requestBody ? html`<details><summary>Request body</summary><pre>${JSON.stringify(op.requestBody.content["application/json"]?.schema, null, 2)}</pre></details>` : ""}
<ul class="responses">${Object.entries(op.responses).map(([status, r]) => html`<li><strong>${status}</strong> ${r.description}</li>`)}</ul>
</article>`,
)}
</section>`,
)}
</main></body></html>`;
}

/** The OpenAPI document and its readable page; built from every registered endpoint. */
export function docsEndpoints(all: () => readonly Endpoint[]): Endpoint[] {
  return [
    defineEndpoint({
      method: "get",
      path: "/openapi.json",
      tag: "Platform",
      summary: "This OpenAPI 3.1 document",
      access: PUBLIC,
      responses: { 200: { description: "The document", schema: OpenApiDocument } },
      handler: (c) => c.json(buildOpenApi(all(), new URL(c.req.url).origin)),
    }),
  ];
}
