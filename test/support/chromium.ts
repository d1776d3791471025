/** Where the browser tests find Chromium (Debian's `chromium` package, or CHROMIUM_PATH). */
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Whether Chromium is here; the web project's global setup reports (or fails) once when it is not. */
export const hasBrowser = existsSync(CHROMIUM_PATH);
export const requireBrowser = process.env.REQUIRE_BROWSER === "1";
