CREATE TABLE `consultant_capacity` (
	`user_id` text PRIMARY KEY NOT NULL,
	`fte` real NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `programme_target_shares` (
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`region_id` text NOT NULL,
	`share_percent` real NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`period_from`, `period_to`, `region_id`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `programme_targets` (
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`indicator` text NOT NULL,
	`min` real NOT NULL,
	`max` real,
	`updated_by_user_id` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`period_from`, `period_to`, `indicator`)
);
--> statement-breakpoint
CREATE TABLE `user_regions` (
	`user_id` text NOT NULL,
	`region_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `region_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_regions_region` ON `user_regions` (`region_id`,`role`);--> statement-breakpoint
ALTER TABLE `users` ADD `municipality` text;--> statement-breakpoint
-- Issue 19: every existing regional user becomes a member of their home region with their role.
INSERT OR IGNORE INTO `user_regions` (`user_id`, `region_id`, `role`, `created_at`)
  SELECT `id`, `region_id`, `role`, `created_at` FROM `users`
  WHERE `region_id` IS NOT NULL AND `role` IN ('region_admin', 'frontdesk_staff', 'consultant');--> statement-breakpoint
-- The home region's membership follows users.region_id and users.role, whoever writes them
-- (invitations, role changes, the seed): memberships of further regions are rows of their own.
CREATE TRIGGER `users_home_membership_insert` AFTER INSERT ON `users`
  WHEN NEW.`region_id` IS NOT NULL AND NEW.`role` IN ('region_admin', 'frontdesk_staff', 'consultant')
BEGIN
  INSERT OR REPLACE INTO `user_regions` (`user_id`, `region_id`, `role`, `created_at`) VALUES (NEW.`id`, NEW.`region_id`, NEW.`role`, NEW.`created_at`);
END;--> statement-breakpoint
CREATE TRIGGER `users_home_membership_update` AFTER UPDATE OF `role`, `region_id` ON `users`
BEGIN
  DELETE FROM `user_regions` WHERE `user_id` = OLD.`id` AND `region_id` IS OLD.`region_id`;
  INSERT OR REPLACE INTO `user_regions` (`user_id`, `region_id`, `role`, `created_at`)
    SELECT NEW.`id`, NEW.`region_id`, NEW.`role`, NEW.`created_at`
    WHERE NEW.`region_id` IS NOT NULL AND NEW.`role` IN ('region_admin', 'frontdesk_staff', 'consultant');
END;
