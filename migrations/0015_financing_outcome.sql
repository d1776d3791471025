ALTER TABLE `scouting_candidates` ADD `financing_arranged_at` integer;--> statement-breakpoint
-- Issue 19: support ends with the delivered business plan; "financing arranged" becomes an
-- outcome recorded after it. Trajectories that stood at financing_arranged go back to the
-- delivered plan with the moment financing was recorded (their history keeps that entry).
UPDATE `scouting_candidates` SET
  `financing_arranged_at` = coalesce(
    (SELECT max(h.`changed_at`) FROM `scouting_stage_changes` h WHERE h.`candidate_id` = `scouting_candidates`.`id` AND h.`to_stage` = 'financing_arranged'),
    `updated_at`),
  `stage` = 'business_plan_delivered'
WHERE `stage` = 'financing_arranged';
