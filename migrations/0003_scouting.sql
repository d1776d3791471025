CREATE TABLE `scouting_candidates` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`source` text NOT NULL,
	`frontdesk_id` text,
	`appointment_id` text,
	`registered_by_user_id` text,
	`company_name` text NOT NULL,
	`kvk_number` text NOT NULL,
	`contact_name` text,
	`email` text,
	`phone` text,
	`municipality` text NOT NULL,
	`ambition` text,
	`topic` text NOT NULL,
	`consent_at` integer NOT NULL,
	`stage` text DEFAULT 'registered' NOT NULL,
	`consultant_user_id` text,
	`assigned_at` integer,
	`decision_required` integer DEFAULT false NOT NULL,
	`no_shows_since_decision` integer DEFAULT 0 NOT NULL,
	`qualified_at` integer,
	`stop_reason` text,
	`referral_kind` text,
	`referral_name` text,
	`stopped_at` integer,
	`anonymised_at` integer,
	`change_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consultant_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scouting_candidates_region_created` ON `scouting_candidates` (`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `scouting_candidates_frontdesk` ON `scouting_candidates` (`frontdesk_id`);--> statement-breakpoint
CREATE INDEX `scouting_candidates_consultant` ON `scouting_candidates` (`consultant_user_id`,`stage`);--> statement-breakpoint
CREATE INDEX `scouting_candidates_region_email` ON `scouting_candidates` (`region_id`,`email`);--> statement-breakpoint
CREATE TABLE `scouting_commitments` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`point` text NOT NULL,
	`stage` text NOT NULL,
	`entrepreneur_commitment` text NOT NULL,
	`consultant_commitment` text NOT NULL,
	`entrepreneur_name` text NOT NULL,
	`consultant_user_id` text NOT NULL,
	`agreed_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `scouting_candidates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consultant_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scouting_commitments_candidate` ON `scouting_commitments` (`candidate_id`,`agreed_at`);--> statement-breakpoint
CREATE TABLE `scouting_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`consultant_user_id` text,
	`logged_by_user_id` text NOT NULL,
	`date` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`attendance` text NOT NULL,
	`note` text,
	`experts` text NOT NULL,
	`voucher_applied` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `scouting_candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scouting_sessions_candidate` ON `scouting_sessions` (`candidate_id`,`date`);--> statement-breakpoint
CREATE INDEX `scouting_sessions_consultant` ON `scouting_sessions` (`region_id`,`consultant_user_id`,`date`);--> statement-breakpoint
CREATE TABLE `scouting_settings` (
	`region_id` text PRIMARY KEY NOT NULL,
	`no_show_rule` integer DEFAULT 2 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `scouting_stage_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`candidate_id` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`decision` text,
	`stop_reason` text,
	`referral_kind` text,
	`referral_name` text,
	`note` text,
	`actor_user_id` text,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `scouting_candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scouting_stage_changes_candidate` ON `scouting_stage_changes` (`candidate_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `scouting_stage_changes_region` ON `scouting_stage_changes` (`region_id`);