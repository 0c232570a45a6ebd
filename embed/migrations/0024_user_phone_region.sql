-- Phones by region (issue 23): each user's own phone region, in which
-- the numbers they type without a country code are read; '' follows the
-- instance's setting (phone_region), as every user did before.
ALTER TABLE users ADD COLUMN phone_region TEXT NOT NULL DEFAULT '';
