-- Related stories ranked once for the store (issue 18, decision 46). One instance at a time
-- (the holder of an advisory lock) ranks them and stores each story's picks here; every
-- instance reads them (NOTIFY newsbite_related tells it when) instead of ranking the archive
-- itself after each start. `version` orders the writes, so an instance reads only the picks
-- written since it last read.
CREATE SEQUENCE related_picks_version;
CREATE TABLE related_picks (
  slug text PRIMARY KEY,
  picks text NOT NULL,
  version bigint NOT NULL DEFAULT nextval('related_picks_version')
);
CREATE INDEX related_picks_by_version ON related_picks (version);
-- When the whole archive was last ranked: null until it has been (a new store, or a full load
-- replaced the content), and the ranking instance then ranks every story, not only the newest.
CREATE TABLE related_ranking (whole_ranked_at timestamptz);
INSERT INTO related_ranking VALUES (NULL);
