-- Crops (`/crops/<ratio>/<file>`) are cut from the hero of a public story, named by the hero
-- photo's file name with a .jpg ending (cropFileName in lib/content/photos.ts). An instance that
-- has not read every story (a start in parts, decision 45) finds a crop's story by this index
-- rather than waiting for the archive.
CREATE FUNCTION hero_crop_file(checked text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(checked::jsonb #>> '{hero,src}', '^.*/|\.[^./]*$', '', 'g') || '.jpg'
$$;
CREATE INDEX articles_hero_crop ON articles (hero_crop_file(checked)) WHERE status = 'published';
