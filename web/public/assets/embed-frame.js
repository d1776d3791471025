// Inside an embedded booking page (/embed/…): tell the embedding page how tall the content is,
// so its loader (embed.js) sizes the frame without a scroll bar. Messages go only to the origins
// the region registered (data-embed-origins); postMessage drops them for any other parent.
(() => {
  if (window.parent === window) return;
  const origins = (document.body.dataset.embedOrigins || "").split(" ").filter(Boolean);
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    for (const origin of origins) window.parent.postMessage({ type: "mkb-embed:height", height }, origin);
  };
  report();
  if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.body);
  window.addEventListener("load", report);
})();
