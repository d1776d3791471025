-- Covering indexes for the province summary and region reports (src/features/reports/reports.repo.ts).
-- Hand-written (drizzle-kit generate --custom): drizzle cannot declare an expression index, and
-- these belong to the reports feature rather than to the appointments schema file.
-- Counts: one index range seek per (desk, status, mode, topic, month), no table access, no sort.
CREATE INDEX IF NOT EXISTS `appointments_report_mix` ON `appointments` (`region_id`, `frontdesk_id`, `status`, `mode`, `topic`, `start_at`);--> statement-breakpoint
-- Lead times: already ordered by (desk, whole hours from booking to start), so the histogram needs no sort.
-- The expression must stay identical to the one in reports.repo.ts leadQuery.
CREATE INDEX IF NOT EXISTS `appointments_report_lead` ON `appointments` (`region_id`, `frontdesk_id`, ((`start_at` - `created_at`) / 3600000), `start_at`, `status`, `created_at`);
