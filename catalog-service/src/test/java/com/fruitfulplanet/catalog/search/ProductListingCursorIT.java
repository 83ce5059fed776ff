package com.fruitfulplanet.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyset paging while the catalog changes: walking every page of a brand while another thread keeps adding
 * products to it, each product that was there before shows up exactly once and no product twice. (Offset paging
 * fails this: a row inserted before the current offset pushes a seen row onto the next page.)
 */
class ProductListingCursorIT extends CatalogIntegrationTest {

    private static final String[] PRICES = {"5.00", "10.00", "10.00", "15.50", "20.00", "20.00", "20.00", "99.99"};
    private static final int EXISTING = 45;
    private static final int PAGE = 7;
    /** Inserts the other thread must have made between two page reads, so the walk really races the writes. */
    private static final int INSERTS_BETWEEN_PAGES = 2;

    @ParameterizedTest
    @ValueSource(strings = {"price", "-createdAt", "-price,name", "name,-createdAt"})
    void everyExistingProductOnceWhileProductsAreAdded(String sort) throws Exception {
        CatalogFixtures fixtures = fixtures();
        UUID brand = fixtures.brand(fixtures.sector());
        List<UUID> existing = new ArrayList<>();
        for (int i = 0; i < EXISTING; i++) {
            // Few distinct prices and names: most of the order is decided by the later fields and the id.
            existing.add(fixtures.product(brand, CatalogFixtures.uniqueSku("CUR"), "Tea " + i % 4, "",
                    PRICES[i % PRICES.length], 1));
        }
        // Products created in one instant: only the id orders them.
        db.sql("UPDATE product SET created_at = (SELECT min(created_at) FROM product WHERE brand_id = $1) "
                        + "WHERE brand_id = $1 AND sku IN (SELECT sku FROM product WHERE brand_id = $1 LIMIT 10)")
                .bind(0, brand).then().block();

        ListingClient listing = new ListingClient(client);
        AtomicInteger inserted = new AtomicInteger();
        AtomicBoolean walking = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> inserts = writer.submit(() -> {
                while (walking.get()) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    fixtures.product(brand, CatalogFixtures.uniqueSku("NEW"), "Tea " + random.nextInt(4), "",
                            PRICES[random.nextInt(PRICES.length)], 1);
                    inserted.incrementAndGet();
                }
                return null;
            });

            List<UUID> seen = new ArrayList<>();
            Map<String, String> query = ListingClient.parameters("brand", brand.toString(), "sort", sort,
                    "limit", Integer.toString(PAGE));
            for (int pages = 0; ; pages++) {
                assertThat(pages).as("pages").isLessThan(100);
                int before = inserted.get();
                ListingClient.Listing page = listing.page(query);
                seen.addAll(page.ids());
                if (page.nextCursor() == null) {
                    break;
                }
                query.put("cursor", page.nextCursor());
                awaitInserts(inserted, before + INSERTS_BETWEEN_PAGES, inserts);
            }
            walking.set(false);
            inserts.get();

            assertThat(inserted.get()).as("products added during the walk").isGreaterThanOrEqualTo(
                    EXISTING / PAGE * INSERTS_BETWEEN_PAGES);
            assertThat(seen).as("no product twice").doesNotHaveDuplicates();
            assertThat(seen).as("every product that existed before the walk").containsAll(existing);
            // And in the order a single read of the (now larger) brand gives, new products aside.
            List<UUID> all = listing.all(100, "brand", brand.toString(), "sort", sort);
            Set<UUID> existingIds = new HashSet<>(existing);
            assertThat(seen.stream().filter(existingIds::contains).toList())
                    .containsExactlyElementsOf(all.stream().filter(existingIds::contains).toList());
        } finally {
            walking.set(false);
            writer.shutdownNow();
        }
    }

    private static void awaitInserts(AtomicInteger inserted, int atLeast, Future<?> inserts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inserted.get() < atLeast) {
            if (inserts.isDone()) {
                inserts.get();
            }
            assertThat(System.nanoTime()).as("the writer keeps inserting").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
