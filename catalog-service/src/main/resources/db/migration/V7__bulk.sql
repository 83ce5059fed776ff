-- Batches from 1C (catalog.bulk.CatalogBatches). A product 1C creates has no default price yet: it is created as a
-- DRAFT at price 0 and remembers here the status it takes when its first default price arrives (ACTIVE unless 1C
-- said otherwise). NULL for every product that has had a default price, which includes all created in the shop.
ALTER TABLE product
    ADD COLUMN status_on_first_price text CHECK (status_on_first_price IN ('DRAFT', 'ACTIVE', 'ARCHIVED'));
