/**
 * Which requests are the inner page requests of an embed (`/embed/{region}…`, src/web/embed/embed.ts):
 * the layout then renders the minimal frame. Keyed by the Request object itself, so no header a
 * client sends can switch it on.
 */
const embedded = new WeakMap<Request, { region: string; origins: readonly string[] | null }>();

export function markEmbedRequest(request: Request, region: string): void {
  embedded.set(request, { region, origins: null });
}

export function embedOf(request: Request): { region: string; origins: readonly string[] | null } | null {
  return embedded.get(request) ?? null;
}
