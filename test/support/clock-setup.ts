/** Vitest setup file: every test process runs on the run's test clock (see ./clock.ts). */
import { installShiftedDate } from "./clock";

installShiftedDate();
