ALTER TABLE `frontdesks` ADD `served_municipalities` text;--> statement-breakpoint
ALTER TABLE `frontdesks` ADD `visit_info` text;--> statement-breakpoint
ALTER TABLE `frontdesks` ADD `access_info` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `entrepreneur_municipality` text;