/**
 * Checks an endpoint's answer against what it documents (`responses[status]`), so the
 * OpenAPI document cannot drift from behaviour. The registry runs it under `APP_ENV=test`
 * only: every API test then proves the answers it sees, and a mismatch is a loud 500 that
 * names the route, the status and the first differences.
 */
import * as v from "valibot";

export interface DocumentedAnswer {
  description: string;
  schema?: v.GenericSchema;
  contentType?: string;
}

/** Keys the answer holds that its schema does not name (valibot's `object` drops them silently). */
function undocumentedKeys(sent: unknown, parsed: unknown, path: string, out: string[]): void {
  if (out.length >= 5) return;
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    sent.forEach((item, i) => undocumentedKeys(item, parsed[i], `${path}[${i}]`, out));
    return;
  }
  if (sent === null || parsed === null || typeof sent !== "object" || typeof parsed !== "object") return;
  for (const [key, value] of Object.entries(sent)) {
    const where = path ? `${path}.${key}` : key;
    if (!(key in parsed)) out.push(`${where}: not documented`);
    else undocumentedKeys(value, (parsed as Record<string, unknown>)[key], where, out);
  }
}

/**
 * The ways an answer differs from its documentation; empty when it matches.
 * @example await answerProblems(response, endpoint.responses) // ["201: not documented"]
 */
export async function answerProblems(response: Response, documented: Record<number, DocumentedAnswer>): Promise<string[]> {
  const spec = documented[response.status];
  if (!spec) return response.status < 300 ? [`${response.status}: this status is not documented`] : [];
  const type = response.headers.get("content-type") ?? "";
  const body = await response.clone().text();
  if (!spec.schema) {
    if (spec.contentType)
      return type.startsWith(spec.contentType.split(";")[0] ?? "") ? [] : [`${response.status}: content-type ${type}, documented ${spec.contentType}`];
    return body === "" || response.status >= 300 ? [] : [`${response.status}: a body is sent but no schema is documented`];
  }
  if (!type.startsWith("application/json")) return [`${response.status}: content-type ${type || "(none)"}, documented JSON`];
  let sent: unknown;
  try {
    sent = JSON.parse(body);
  } catch {
    return [`${response.status}: the body is not JSON`];
  }
  const result = v.safeParse(spec.schema, sent);
  if (!result.success) return result.issues.slice(0, 5).map((i) => `${response.status}: ${v.getDotPath(i) ?? "(body)"}: ${i.message}`);
  const extra: string[] = [];
  undocumentedKeys(sent, result.output, "", extra);
  return extra.map((p) => `${response.status}: ${p}`);
}
