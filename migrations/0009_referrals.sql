CREATE TABLE `referral_status_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`region_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`actor_user_id` text,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_status_changes_referral` ON `referral_status_changes` (`referral_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`to_region_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`offer_id` text,
	`frontdesk_id` text,
	`appointment_id` text,
	`candidate_id` text,
	`referred_by_user_id` text,
	`topic` text NOT NULL,
	`consent_to_share` integer NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`locale` text DEFAULT 'nl' NOT NULL,
	`note` text,
	`question` text,
	`name` text,
	`email` text,
	`phone` text,
	`company_name` text,
	`kvk_number` text,
	`withdraw_token_hash` text,
	`due_at` integer NOT NULL,
	`received_at` integer,
	`contacted_at` integer,
	`closed_at` integer,
	`withdrawn_at` integer,
	`status_note` text,
	`reminded_at` integer,
	`anonymised_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referrals_withdraw_token_hash_unique` ON `referrals` (`withdraw_token_hash`);--> statement-breakpoint
CREATE INDEX `referrals_region_created` ON `referrals` (`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `referrals_to_region_created` ON `referrals` (`to_region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `referrals_organisation_status` ON `referrals` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `referrals_region_email` ON `referrals` (`region_id`,`email`);--> statement-breakpoint
CREATE INDEX `referrals_due` ON `referrals` (`status`,`due_at`);