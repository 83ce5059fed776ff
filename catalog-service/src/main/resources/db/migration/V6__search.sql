-- Product listing and search (catalog.search.ProductListing): the shapes V4's indexes do not serve.

-- The sku filter is exact regardless of case: lower(p.sku) = lower(:sku). product_sku_key (case-sensitive, unique)
-- cannot answer that.
CREATE INDEX product_sku_lower_idx ON product (lower(sku)) WHERE deleted_at IS NULL;

-- A sector's products by name (the catalog page's "A-Z"): without this, the name index is walked through every
-- other sector's products first.
CREATE INDEX product_sector_name_idx ON product (sector_id, name COLLATE "C", id) WHERE deleted_at IS NULL;
