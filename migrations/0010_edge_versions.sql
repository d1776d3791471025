CREATE TABLE `report_month_counts` (
	`region_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`mode` text NOT NULL,
	`topic` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`region_id`, `month`, `status`, `mode`, `topic`)
);
--> statement-breakpoint
CREATE TABLE `report_month_lead_days` (
	`region_id` text NOT NULL,
	`month` text NOT NULL,
	`days` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`region_id`, `days`, `month`)
);
--> statement-breakpoint
CREATE TABLE `report_month_leads` (
	`region_id` text NOT NULL,
	`month` text NOT NULL,
	`hours` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`region_id`, `hours`, `month`)
);
--> statement-breakpoint
ALTER TABLE `regions` ADD `config_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `regions` ADD `availability_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `frontdesks` ADD `availability_version` integer DEFAULT 0 NOT NULL;