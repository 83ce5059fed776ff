-- The catalog benchmark's data (benchmarks/catalog/run.sh), loaded as the catalog role after catalog-service has
-- migrated its schema:  psql -v products=100000 -f seed.sql
--
-- Every product is live and ACTIVE. Ids are deterministic, md5('bench-product-' || i)::uuid for i = 1..products,
-- so the load generators can compute or list them: wrk reads them from a file, pgbench computes them.
--  - 6 sectors of uneven size (30, 20, 15, 15, 10 and 10 % of the products), 4 brands each;
--  - names and descriptions in Russian (even i) and English (odd i), as the search test's data;
--  - prices spread evenly over 10.00 .. 5009.90 RUB; every other product also has a wholesale price;
--  - created_at spread over about a year (5 minutes apart), updated_at somewhere between then and now;
--  - stock in the main warehouse for 9 products in 10, some of it all reserved or none on hand (about 3 in 4 are
--    in stock).
\set ON_ERROR_STOP on

BEGIN;

INSERT INTO sector (id, name, slug, description)
SELECT md5('bench-sector-' || s)::uuid,
       (ARRAY ['Фрукты и ягоды', 'Овощи и зелень', 'Молочные продукты', 'Бакалея', 'Напитки', 'Сладости'])[s],
       'bench-sector-' || s,
       'Benchmark sector ' || s
FROM generate_series(1, 6) s;

INSERT INTO brand (id, sector_id, name, slug, description)
SELECT md5('bench-brand-' || b)::uuid,
       md5('bench-sector-' || (1 + (b - 1) / 4))::uuid,
       (ARRAY ['Сады Кубани', 'Green Valley', 'Фермерское подворье', 'Nordic Farm', 'Вкусная жизнь', 'Sunny Hills',
               'Домик в деревне', 'Alpine Fresh', 'Золотой колос', 'Harvest Moon', 'Родные просторы', 'Blue Lake',
               'Белый медведь', 'Organic Way', 'Лесная поляна', 'Urban Grocer', 'Волжские дали', 'Seaside',
               'Алтайские травы', 'Morning Dew', 'Южный берег', 'Red Barn', 'Кедровый край', 'Golden Field'])[b],
       'bench-brand-' || b,
       ''
FROM generate_series(1, 24) b;

INSERT INTO price_type (id, code, name, currency)
VALUES (md5('bench-price-type-wholesale')::uuid, 'wholesale', 'Wholesale', 'RUB');

INSERT INTO product (id, sku, name, description, brand_id, sector_id, price_amount, currency, attributes, images,
                     status, created_at, updated_at)
SELECT md5('bench-product-' || i)::uuid,
       'BN-' || lpad(i::text, 6, '0'),
       CASE WHEN i % 2 = 0
            THEN (ARRAY ['Зелёные', 'Красные', 'Спелые', 'Сладкие', 'Свежие', 'Органические', 'Домашние',
                         'Отборные'])[1 + i / 2 % 8]
                 || ' ' || (ARRAY ['яблоки', 'груши', 'апельсины', 'бананы', 'виноград', 'соки', 'чаи', 'кофе',
                                   'сливки', 'сыры', 'хлебцы', 'мёды', 'орехи', 'изюм', 'джемы'])[1 + i / 16 % 15]
                 || ' №' || i
            ELSE (ARRAY ['Green', 'Red', 'Ripe', 'Sweet', 'Fresh', 'Organic', 'Homemade', 'Premium'])[1 + i / 2 % 8]
                 || ' ' || (ARRAY ['apples', 'pears', 'oranges', 'bananas', 'grapes', 'juices', 'teas', 'coffee',
                                   'cream', 'cheeses', 'crackers', 'honey', 'nuts', 'raisins', 'jams'])[1 + i / 16 % 15]
                 || ' #' || i
       END,
       CASE WHEN i % 2 = 0
            THEN 'Фермерский продукт из региона ' || i % 83 || ', урожай ' || 2000 + i % 25
                 || '. Хранить в прохладном месте.'
            ELSE 'Farm produce from region ' || i % 83 || ', harvest of ' || 2000 + i % 25
                 || '. Keep in a cool place.'
       END,
       md5('bench-brand-' || ((sector - 1) * 4 + 1 + i / 20 % 4))::uuid,
       md5('bench-sector-' || sector)::uuid,
       10 + (i * 7919 % 50000) / 10.0,
       'RUB',
       jsonb_build_object('origin', 'region ' || i % 83, 'weightGrams', 100 + i % 20 * 50, 'organic', i % 3 = 0),
       ARRAY ['https://cdn.fruitfulplanet.example/products/' || i || '/1.jpg'],
       'ACTIVE',
       now() - interval '1 hour' - i * interval '5 minutes',
       now() - interval '1 hour' - i * interval '5 minutes' * (i % 10) / 10.0
-- The sector of product i, by i % 20: 0-5 the first, 6-9 the second, 10-12, 13-15, 16-17, 18-19 the others; its
-- brand is one of the sector's four.
FROM (SELECT i, CASE WHEN i % 20 < 6 THEN 1 WHEN i % 20 < 10 THEN 2 WHEN i % 20 < 13 THEN 3 WHEN i % 20 < 16 THEN 4
                     WHEN i % 20 < 18 THEN 5 ELSE 6 END AS sector
      FROM generate_series(1, :products) i) numbered;

INSERT INTO product_price (product_id, price_type_id, amount, currency)
SELECT md5('bench-product-' || i)::uuid, md5('bench-price-type-wholesale')::uuid,
       round((10 + (i * 7919 % 50000) / 10.0) * 0.85, 2), 'RUB'
FROM generate_series(2, :products, 2) i;

INSERT INTO stock_level (product_id, warehouse_id, on_hand, reserved)
SELECT md5('bench-product-' || i)::uuid, '00000000-0000-0000-0000-000000000001', i % 7 * 3, least(i % 7 * 3, i % 4)
FROM generate_series(1, :products) i
WHERE i % 10 <> 0;

COMMIT;

-- What autovacuum does in production: statistics for the planner, the visibility map, the GIN index's pending list.
VACUUM ANALYZE product;
VACUUM ANALYZE product_price;
VACUUM ANALYZE stock_level;
VACUUM ANALYZE brand;
VACUUM ANALYZE sector;
