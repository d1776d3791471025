// MKB Limburg booking embed loader. On your page:
//   <a href="https://<platform>/boeken/<region>" data-mkb-embed="https://<platform>/embed/<region>">Maak een afspraak</a>
//   <script src="https://<platform>/assets/embed.js" async></script>
// Each such link becomes a frame with the booking pages (the link itself is the fallback without
// JavaScript). The frame tells its height through postMessage; only messages from the platform's
// origin and from that very frame are used.
(() => {
  const script = document.currentScript;
  const platform = new URL(script ? script.src : location.href).origin;
  const frames = [];
  for (const link of document.querySelectorAll("a[data-mkb-embed]")) {
    const src = new URL(link.getAttribute("data-mkb-embed"), platform);
    if (src.origin !== platform || !src.pathname.startsWith("/embed/")) continue;
    const frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = link.getAttribute("data-mkb-title") || link.textContent.trim() || "MKB Limburg";
    frame.loading = "lazy";
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.minHeight = "480px";
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frames.push(frame);
  }
  window.addEventListener("message", (event) => {
    if (event.origin !== platform) return;
    const data = event.data;
    if (!data || data.type !== "mkb-embed:height" || typeof data.height !== "number") return;
    const frame = frames.find((f) => f.contentWindow === event.source);
    if (frame) frame.style.height = `${Math.min(Math.max(Math.round(data.height), 200), 10000)}px`;
  });
})();
