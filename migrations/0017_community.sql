CREATE TABLE `answer_marks` (
	`answer_id` text NOT NULL,
	`marker` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`answer_id`, `marker`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `answers` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`author_kind` text NOT NULL,
	`author_entrepreneur_id` text,
	`author_user_id` text,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`offer_slugs` text NOT NULL,
	`event_slugs` text NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`useful_count` integer DEFAULT 0 NOT NULL,
	`moderator_note` text,
	`edited_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `answers_question` ON `answers` (`question_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `community_blocks` (
	`account` text PRIMARY KEY NOT NULL,
	`region_id` text,
	`blocked_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `community_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`reporter` text NOT NULL,
	`reason` text NOT NULL,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `community_reports_once` ON `community_reports` (`kind`,`target_id`,`reporter`);--> statement-breakpoint
CREATE INDEX `community_reports_region` ON `community_reports` (`region_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `peer_blocks` (
	`blocker_id` text NOT NULL,
	`blocked_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`blocker_id`, `blocked_id`)
);
--> statement-breakpoint
CREATE TABLE `peer_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`reply` text,
	`reported` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`answered_at` integer
);
--> statement-breakpoint
CREATE INDEX `peer_contacts_to` ON `peer_contacts` (`to_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `peer_contacts_from` ON `peer_contacts` (`from_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `peer_topics` (
	`entrepreneur_id` text NOT NULL,
	`topic` text NOT NULL,
	PRIMARY KEY(`entrepreneur_id`, `topic`)
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`region_id` text,
	`asker_id` text NOT NULL,
	`anonymous` integer NOT NULL,
	`asker_label` text,
	`topic` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`accepted_answer_id` text,
	`answer_count` integer DEFAULT 0 NOT NULL,
	`moderator_note` text,
	`edited_at` integer,
	`digest_at` integer,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_seq_unique` ON `questions` (`seq`);--> statement-breakpoint
CREATE INDEX `questions_status` ON `questions` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `questions_region` ON `questions` (`region_id`,`status`);--> statement-breakpoint
CREATE INDEX `questions_asker` ON `questions` (`asker_id`);--> statement-breakpoint
CREATE TABLE `stories` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`region_id` text NOT NULL,
	`title` text NOT NULL,
	`company_name` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`topics` text NOT NULL,
	`offer_slugs` text NOT NULL,
	`frontdesk_ids` text NOT NULL,
	`consent_date` text NOT NULL,
	`consent_recorded_by` text NOT NULL,
	`published_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stories_slug_unique` ON `stories` (`slug`);--> statement-breakpoint
CREATE INDEX `stories_region` ON `stories` (`region_id`,`published_at`);