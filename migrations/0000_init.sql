CREATE TABLE `municipalities` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`cbs_code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `municipalities_region_name` ON `municipalities` (`region_id`,`name`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`operator` text NOT NULL,
	`good_friday_closed` integer DEFAULT true NOT NULL,
	`liberation_day_closed` integer DEFAULT false NOT NULL,
	`retention_months` integer DEFAULT 12 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_slug_unique` ON `regions` (`slug`);--> statement-breakpoint
CREATE TABLE `closures` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`frontdesk_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `closures_frontdesk` ON `closures` (`frontdesk_id`,`to_date`);--> statement-breakpoint
CREATE TABLE `frontdesks` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`municipality` text NOT NULL,
	`address` text NOT NULL,
	`modes` text NOT NULL,
	`topics` text NOT NULL,
	`slot_minutes` integer DEFAULT 30 NOT NULL,
	`capacity_per_slot` integer DEFAULT 1 NOT NULL,
	`min_notice_hours` integer DEFAULT 24 NOT NULL,
	`max_advance_days` integer DEFAULT 60 NOT NULL,
	`cancel_cutoff_hours` integer DEFAULT 2 NOT NULL,
	`video_url_template` text,
	`phone` text,
	`email` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `frontdesks_region` ON `frontdesks` (`region_id`);--> statement-breakpoint
CREATE TABLE `holiday_openings` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`frontdesk_id` text NOT NULL,
	`date` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `holiday_openings_frontdesk` ON `holiday_openings` (`frontdesk_id`,`date`);--> statement-breakpoint
CREATE TABLE `opening_hours` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`frontdesk_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`opens` text NOT NULL,
	`closes` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opening_hours_frontdesk` ON `opening_hours` (`frontdesk_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_frontdesks` (
	`user_id` text NOT NULL,
	`frontdesk_id` text NOT NULL,
	`region_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `frontdesk_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`region_id` text,
	`password_hash` text,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_region` ON `users` (`region_id`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`frontdesk_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`mode` text NOT NULL,
	`topic` text NOT NULL,
	`municipality` text NOT NULL,
	`status` text NOT NULL,
	`locale` text DEFAULT 'nl' NOT NULL,
	`question` text,
	`name` text,
	`email` text,
	`phone` text,
	`company_name` text,
	`kvk_number` text,
	`manage_token_hash` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`outcome_note` text,
	`outcome_at` integer,
	`cancelled_at` integer,
	`anonymised_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_manage_token_hash_unique` ON `appointments` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `appointments_frontdesk_start` ON `appointments` (`frontdesk_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `appointments_region_start` ON `appointments` (`region_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `appointments_region_email` ON `appointments` (`region_id`,`email`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text,
	`actor_user_id` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`detail` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_region_created` ON `audit_log` (`region_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`region_id` text NOT NULL,
	`key` text NOT NULL,
	`body_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`region_id`, `key`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text,
	`appointment_id` text,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`ics_body` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`kind`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_region` ON `outbox` (`region_id`,`status`);