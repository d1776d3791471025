CREATE TABLE `insight_desk_clicks` (
	`day` text NOT NULL,
	`region_id` text NOT NULL,
	`topic` text NOT NULL,
	`offer_id` text NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `region_id`, `topic`, `offer_id`)
);
--> statement-breakpoint
CREATE TABLE `insight_offer_views` (
	`day` text NOT NULL,
	`offer_id` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `offer_id`)
);
--> statement-breakpoint
CREATE TABLE `insight_searches` (
	`day` text NOT NULL,
	`region_id` text DEFAULT '' NOT NULL,
	`term` text NOT NULL,
	`filters` text DEFAULT '' NOT NULL,
	`topic` text DEFAULT '' NOT NULL,
	`searches` integer DEFAULT 0 NOT NULL,
	`zero_results` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `region_id`, `term`, `filters`, `topic`)
);
--> statement-breakpoint
CREATE INDEX `insight_searches_region_day` ON `insight_searches` (`region_id`,`day`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`slug` text NOT NULL,
	`organisation_id` text NOT NULL,
	`frontdesk_id` text,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`description` text NOT NULL,
	`kind` text NOT NULL,
	`topics` text NOT NULL,
	`audiences` text NOT NULL,
	`phases` text NOT NULL,
	`regions` text NOT NULL,
	`all_limburg` integer DEFAULT false NOT NULL,
	`municipalities` text NOT NULL,
	`cost` text NOT NULL,
	`deadline` text,
	`opens_at` text,
	`how_to_apply` text NOT NULL,
	`contact` text,
	`url` text,
	`upl_uri` text,
	`last_checked_at` integer NOT NULL,
	`status` text NOT NULL,
	`review_note` text,
	`revision` text,
	`revision_status` text,
	`submitted_at` integer,
	`published_at` integer,
	`archived_at` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offers_seq_unique` ON `offers` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_slug_unique` ON `offers` (`slug`);--> statement-breakpoint
CREATE INDEX `offers_organisation` ON `offers` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `offers_status_deadline` ON `offers` (`status`,`deadline`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_frontdesk` ON `offers` (`frontdesk_id`);--> statement-breakpoint
CREATE TABLE `organisation_frontdesks` (
	`frontdesk_id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`region_id` text NOT NULL,
	FOREIGN KEY (`frontdesk_id`) REFERENCES `frontdesks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisation_frontdesks_org` ON `organisation_frontdesks` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`home_region_id` text NOT NULL,
	`regions` text NOT NULL,
	`website` text,
	`email` text,
	`phone` text,
	`description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`home_region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE INDEX `organisations_home_region` ON `organisations` (`home_region_id`);--> statement-breakpoint
CREATE TABLE `search_terms` (
	`id` integer PRIMARY KEY NOT NULL,
	`term` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_terms_term_unique` ON `search_terms` (`term`);--> statement-breakpoint
ALTER TABLE `users` ADD `organisation_id` text REFERENCES organisations(id);