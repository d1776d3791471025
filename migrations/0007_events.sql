CREATE TABLE `event_attendance` (
	`registration_id` text NOT NULL,
	`session_idx` integer NOT NULL,
	`event_id` text NOT NULL,
	`region_id` text NOT NULL,
	`attended` integer NOT NULL,
	`marked_by` text,
	`marked_at` integer NOT NULL,
	PRIMARY KEY(`registration_id`, `session_idx`),
	FOREIGN KEY (`registration_id`) REFERENCES `event_registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_attendance_event` ON `event_attendance` (`event_id`);--> statement-breakpoint
CREATE TABLE `event_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`region_id` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`include_waitlist` integer DEFAULT false NOT NULL,
	`sent_by` text,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_messages_event_sent` ON `event_messages` (`event_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `event_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`locale` text DEFAULT 'nl' NOT NULL,
	`name` text,
	`email` text,
	`company_name` text,
	`kvk_number` text,
	`consent_at` integer NOT NULL,
	`follow_up_consent` integer DEFAULT false NOT NULL,
	`manage_token_hash` text NOT NULL,
	`follow_up_token_hash` text,
	`sequence` integer DEFAULT 0 NOT NULL,
	`promotion_ref` text,
	`confirmed_at` integer,
	`promoted_at` integer,
	`cancelled_at` integer,
	`feedback_requested_at` integer,
	`feedback_rating` integer,
	`feedback_comment` text,
	`feedback_at` integer,
	`candidate_invited_at` integer,
	`candidate_invite_token_hash` text,
	`candidate_registered_at` integer,
	`anonymised_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_manage_token_hash_unique` ON `event_registrations` (`manage_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_follow_up_token_hash_unique` ON `event_registrations` (`follow_up_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_candidate_invite_token_hash_unique` ON `event_registrations` (`candidate_invite_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_event_seq` ON `event_registrations` (`event_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_event_email` ON `event_registrations` (`event_id`,`email`) WHERE status in ('confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX `event_registrations_event_status` ON `event_registrations` (`event_id`,`status`,`seq`);--> statement-breakpoint
CREATE INDEX `event_registrations_region_email` ON `event_registrations` (`region_id`,`email`);--> statement-breakpoint
CREATE TABLE `event_sessions` (
	`event_id` text NOT NULL,
	`idx` integer NOT NULL,
	`region_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `idx`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_sessions_start` ON `event_sessions` (`start_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`slug` text NOT NULL,
	`region_id` text NOT NULL,
	`organisation_id` text,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`description` text NOT NULL,
	`type` text NOT NULL,
	`format` text NOT NULL,
	`topics` text NOT NULL,
	`audiences` text NOT NULL,
	`regions` text NOT NULL,
	`location` text,
	`join_url` text,
	`capacity` integer NOT NULL,
	`price_note` text,
	`registration_deadline` integer NOT NULL,
	`contact` text NOT NULL,
	`first_start_at` integer NOT NULL,
	`last_end_at` integer NOT NULL,
	`status` text NOT NULL,
	`review_note` text,
	`revision` text,
	`revision_status` text,
	`submitted_at` integer,
	`published_at` integer,
	`cancelled_at` integer,
	`cancel_reason` text,
	`version` integer DEFAULT 0 NOT NULL,
	`change_ref` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_seq_unique` ON `events` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE INDEX `events_status_start` ON `events` (`status`,`first_start_at`);--> statement-breakpoint
CREATE INDEX `events_region_start` ON `events` (`region_id`,`first_start_at`);--> statement-breakpoint
CREATE INDEX `events_organisation` ON `events` (`organisation_id`,`status`);