CREATE TABLE `scouting_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`name` text NOT NULL,
	`date` text NOT NULL,
	`shared_by_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `scouting_candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scouting_documents_candidate` ON `scouting_documents` (`region_id`,`candidate_id`,`date`);--> statement-breakpoint
CREATE TABLE `entrepreneur_bookmarks` (
	`entrepreneur_id` text NOT NULL,
	`offer_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`entrepreneur_id`, `offer_id`),
	FOREIGN KEY (`entrepreneur_id`) REFERENCES `entrepreneurs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `entrepreneur_login_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`session_id_hash` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `entrepreneur_login_tokens_email` ON `entrepreneur_login_tokens` (`email`);--> statement-breakpoint
CREATE INDEX `entrepreneur_login_tokens_expires` ON `entrepreneur_login_tokens` (`expires_at`);--> statement-breakpoint
CREATE TABLE `entrepreneur_profiles` (
	`entrepreneur_id` text PRIMARY KEY NOT NULL,
	`company_name` text NOT NULL,
	`kvk_number` text,
	`legal_form` text,
	`sector` text,
	`size_class` text,
	`municipality` text,
	`website` text,
	`description` text,
	`ambition` text,
	`visible_to_peers` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`entrepreneur_id`) REFERENCES `entrepreneurs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entrepreneur_profiles_kvk` ON `entrepreneur_profiles` (`kvk_number`);--> statement-breakpoint
CREATE TABLE `entrepreneur_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`entrepreneur_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`entrepreneur_id`) REFERENCES `entrepreneurs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entrepreneur_sessions_entrepreneur` ON `entrepreneur_sessions` (`entrepreneur_id`);--> statement-breakpoint
CREATE TABLE `entrepreneurs` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entrepreneurs_email_unique` ON `entrepreneurs` (`email`);--> statement-breakpoint
CREATE INDEX `audit_target` ON `audit_log` (`target_type`,`target_id`);