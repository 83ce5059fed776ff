package com.fruitfulplanet.catalog.demo;

import com.fruitfulplanet.catalog.bulk.CatalogBatch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A grocery shop's catalog for demos and local development, as one {@link CatalogBatch}: 5 sectors, 25 brands,
 * 1 000 products (Russian names, a few English ones), retail and wholesale prices in roubles, stock in the main
 * warehouse with a few products sold out. Deterministic: the same ids, SKUs, names and numbers on every run (ids are
 * name-based UUIDs, like 1C's), so applying it again changes nothing. Brands are invented.
 */
public final class DemoCatalog {

    /** Products per sector: 5 × 200. */
    static final int PRODUCTS_PER_SECTOR = 200;
    static final String WHOLESALE_PRICE_TYPE = id("price-type", "wholesale");
    static final String RETAIL_PRICE_TYPE = id("price-type", "retail");
    static final String MAIN_WAREHOUSE = id("warehouse", "main");
    private static final long SEED = 20_240_601L;
    private static final BigDecimal WHOLESALE_FACTOR = new BigDecimal("0.82");

    /**
     * Where the demo's retail prices and stock go: the shop's default price type and default warehouse. Each is
     * named by its 1C id if it has one; otherwise the batch links it to the demo's own id (the default price type by
     * its {@code default} flag, the warehouse by its code).
     */
    public record Targets(String retailPriceTypeExternalId, String mainWarehouseExternalId,
                          String mainWarehouseCode) {
    }

    private DemoCatalog() {
    }

    public static CatalogBatch build(Targets targets) {
        String retail = targets.retailPriceTypeExternalId() != null
                ? targets.retailPriceTypeExternalId() : RETAIL_PRICE_TYPE;
        String warehouse = targets.mainWarehouseExternalId() != null
                ? targets.mainWarehouseExternalId() : MAIN_WAREHOUSE;

        List<CatalogBatch.PriceType> priceTypes = new ArrayList<>();
        if (targets.retailPriceTypeExternalId() == null) {
            priceTypes.add(new CatalogBatch.PriceType(retail, null, "Розничная", "RUB", true));
        }
        priceTypes.add(new CatalogBatch.PriceType(WHOLESALE_PRICE_TYPE, null, "Оптовая", "RUB", false));
        List<CatalogBatch.Warehouse> warehouses = targets.mainWarehouseExternalId() != null ? List.of()
                : List.of(new CatalogBatch.Warehouse(warehouse, targets.mainWarehouseCode(), "Основной склад"));

        List<CatalogBatch.Sector> sectors = new ArrayList<>();
        List<CatalogBatch.Brand> brands = new ArrayList<>();
        List<CatalogBatch.Product> products = new ArrayList<>();
        List<CatalogBatch.Price> prices = new ArrayList<>();
        List<CatalogBatch.Stock> stock = new ArrayList<>();
        Random random = new Random(SEED);
        int sold = 0;
        for (SectorPlan sector : SECTORS) {
            String sectorId = id("sector", sector.code());
            sectors.add(new CatalogBatch.Sector(sectorId, sector.name(), null, sector.description()));
            List<String> brandIds = new ArrayList<>();
            for (String[] brand : sector.brands()) {
                String brandId = id("brand", brand[0]);
                brandIds.add(brandId);
                brands.add(new CatalogBatch.Brand(brandId, sectorId, brand[0], null, brand[1]));
            }
            List<Item> items = new ArrayList<>();
            for (Base base : sector.bases()) {
                for (Pack pack : PACKS.get(base.unit())) {
                    items.add(new Item(base, pack));
                }
            }
            Collections.shuffle(items, random);
            for (int i = 0; i < PRODUCTS_PER_SECTOR; i++) {
                Item item = items.get(i);
                String sku = "FP-%s-%04d".formatted(sector.code(), i + 1);
                String productId = id("product", sku);
                products.add(new CatalogBatch.Product(productId, sku, item.name(), item.description(sector),
                        brandIds.get(i % brandIds.size()), item.attributes(), List.of(), null, null));
                BigDecimal price = item.price(random);
                prices.add(new CatalogBatch.Price(productId, retail, price, "RUB"));
                prices.add(new CatalogBatch.Price(productId, WHOLESALE_PRICE_TYPE,
                        price.multiply(WHOLESALE_FACTOR).setScale(2, RoundingMode.HALF_UP), "RUB"));
                // A few sold out, the rest anywhere up to a pallet.
                int quantity = sold++ % 37 == 11 ? 0 : 1 + random.nextInt(250);
                stock.add(new CatalogBatch.Stock(productId, warehouse, BigDecimal.valueOf(quantity)));
            }
        }
        return new CatalogBatch(sectors, brands, priceTypes, warehouses, products, prices, stock);
    }

    /** A 1C-style GUID that is the same on every run. */
    static String id(String kind, String key) {
        return UUID.nameUUIDFromBytes(("fruitfulplanet-demo:" + kind + ":" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    // --- what the shop sells

    /** How an item is sold; each has its own packs. */
    private enum Unit { WEIGHT, PIECE, LIQUID, PACKAGED, DAIRY_LIQUID, DAIRY_SOLID }

    /**
     * A kind of product: its name (Russian, or English when {@code english}), where it comes from, and the price
     * range (roubles) of its reference pack: 1 kg, 1 piece, 1 l, 500 g, 930 ml or 350 g.
     */
    private record Base(String name, Unit unit, String origin, int minPrice, int maxPrice, boolean english) {
    }

    /** A pack of a base: its labels (Russian, English), its size, and its price relative to the reference pack. */
    private record Pack(String label, String englishLabel, int amount, String measure, double factor) {
    }

    private record SectorPlan(String code, String name, String description, String[][] brands, List<Base> bases,
                              String storage, String englishStorage) {
    }

    private record Item(Base base, Pack pack) {

        String name() {
            return base.name() + ", " + (base.english() ? pack.englishLabel() : pack.label());
        }

        String description(SectorPlan sector) {
            if (base.english()) {
                return "%s, %s. Origin: %s. %s".formatted(base.name(), pack.englishLabel(), english(base.origin()),
                        sector.englishStorage());
            }
            return "%s, %s. Страна происхождения: %s. %s".formatted(base.name(), pack.label(), base.origin(),
                    sector.storage());
        }

        Map<String, Object> attributes() {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("country", base.origin());
            attributes.put(switch (pack.measure()) {
                case "ml" -> "volumeMl";
                case "pcs" -> "pieces";
                default -> "weightG";
            }, pack.amount());
            if (pack.label().startsWith("Organic")) {
                attributes.put("organic", true);
            }
            return attributes;
        }

        /** In the reference range, scaled to the pack, ending in .90 as shop prices do. */
        BigDecimal price(Random random) {
            double reference = base.minPrice() + random.nextInt(base.maxPrice() - base.minPrice() + 1);
            long roubles = Math.max(19, Math.round(reference * pack.factor()));
            return BigDecimal.valueOf(roubles).subtract(new BigDecimal("0.10"));
        }

        private static String english(String origin) {
            return COUNTRIES.getOrDefault(origin, origin);
        }
    }

    private static final Map<String, String> COUNTRIES = Map.ofEntries(Map.entry("Россия", "Russia"),
            Map.entry("Турция", "Turkey"), Map.entry("Эквадор", "Ecuador"), Map.entry("Испания", "Spain"),
            Map.entry("Италия", "Italy"), Map.entry("Египет", "Egypt"), Map.entry("ЮАР", "South Africa"),
            Map.entry("Марокко", "Morocco"), Map.entry("Израиль", "Israel"), Map.entry("Новая Зеландия",
                    "New Zealand"), Map.entry("Узбекистан", "Uzbekistan"), Map.entry("Армения", "Armenia"),
            Map.entry("Грузия", "Georgia"), Map.entry("Индия", "India"), Map.entry("Китай", "China"),
            Map.entry("Перу", "Peru"), Map.entry("Чили", "Chile"), Map.entry("Беларусь", "Belarus"),
            Map.entry("Кения", "Kenya"), Map.entry("Бразилия", "Brazil"), Map.entry("Таиланд", "Thailand"));

    private static final Map<Unit, List<Pack>> PACKS = Map.of(
            Unit.WEIGHT, List.of(
                    new Pack("1 кг", "1 kg", 1000, "g", 1.0),
                    new Pack("500 г", "500 g", 500, "g", 0.55),
                    new Pack("2 кг", "2 kg", 2000, "g", 1.9),
                    new Pack("сетка 1,5 кг", "net bag, 1.5 kg", 1500, "g", 1.45),
                    new Pack("отборные, 1 кг", "selected, 1 kg", 1000, "g", 1.3),
                    new Pack("Premium, 1 кг", "premium, 1 kg", 1000, "g", 1.5),
                    new Pack("Organic, 1 кг", "organic, 1 kg", 1000, "g", 1.8),
                    new Pack("лоток 300 г", "tray, 300 g", 300, "g", 0.4)),
            Unit.PIECE, List.of(
                    new Pack("1 шт.", "1 pc", 1, "pcs", 1.0),
                    new Pack("2 шт.", "2 pcs", 2, "pcs", 1.9),
                    new Pack("упаковка 3 шт.", "pack of 3", 3, "pcs", 2.7),
                    new Pack("Premium, 1 шт.", "premium, 1 pc", 1, "pcs", 1.5),
                    new Pack("Organic, 1 шт.", "organic, 1 pc", 1, "pcs", 1.8),
                    new Pack("мини, 1 шт.", "mini, 1 pc", 1, "pcs", 0.6),
                    new Pack("крупные, 1 шт.", "large, 1 pc", 1, "pcs", 1.3),
                    new Pack("набор 5 шт.", "pack of 5", 5, "pcs", 4.3)),
            Unit.LIQUID, List.of(
                    new Pack("0,33 л", "0.33 l", 330, "ml", 0.45),
                    new Pack("0,5 л", "0.5 l", 500, "ml", 0.6),
                    new Pack("1 л", "1 l", 1000, "ml", 1.0),
                    new Pack("1,5 л", "1.5 l", 1500, "ml", 1.35),
                    new Pack("2 л", "2 l", 2000, "ml", 1.7),
                    new Pack("стекло 0,75 л", "glass bottle, 0.75 l", 750, "ml", 1.1),
                    new Pack("упаковка 6 × 0,5 л", "6 × 0.5 l", 3000, "ml", 3.2),
                    new Pack("ж/б 0,45 л", "can, 0.45 l", 450, "ml", 0.65)),
            Unit.PACKAGED, List.of(
                    new Pack("500 г", "500 g", 500, "g", 1.0),
                    new Pack("250 г", "250 g", 250, "g", 0.55),
                    new Pack("1 кг", "1 kg", 1000, "g", 1.85),
                    new Pack("900 г", "900 g", 900, "g", 1.7),
                    new Pack("100 г", "100 g", 100, "g", 0.25),
                    new Pack("Organic, 400 г", "organic, 400 g", 400, "g", 1.4),
                    new Pack("дой-пак 750 г", "pouch, 750 g", 750, "g", 1.45),
                    new Pack("2 кг", "2 kg", 2000, "g", 3.5)),
            Unit.DAIRY_LIQUID, List.of(
                    new Pack("930 мл", "930 ml", 930, "ml", 1.0),
                    new Pack("450 мл", "450 ml", 450, "ml", 0.55),
                    new Pack("1,4 л", "1.4 l", 1400, "ml", 1.4),
                    new Pack("250 мл", "250 ml", 250, "ml", 0.35),
                    new Pack("стекло 500 мл", "glass bottle, 500 ml", 500, "ml", 0.8),
                    new Pack("фермерское, 930 мл", "farm, 930 ml", 930, "ml", 1.3),
                    new Pack("Organic, 930 мл", "organic, 930 ml", 930, "ml", 1.5),
                    new Pack("2 л", "2 l", 2000, "ml", 1.9)),
            Unit.DAIRY_SOLID, List.of(
                    new Pack("350 г", "350 g", 350, "g", 1.0),
                    new Pack("200 г", "200 g", 200, "g", 0.6),
                    new Pack("150 г", "150 g", 150, "g", 0.45),
                    new Pack("500 г", "500 g", 500, "g", 1.4),
                    new Pack("1 кг", "1 kg", 1000, "g", 2.6),
                    new Pack("фермерский, 300 г", "farm, 300 g", 300, "g", 1.1),
                    new Pack("Organic, 250 г", "organic, 250 g", 250, "g", 1.0),
                    new Pack("нарезка 125 г", "sliced, 125 g", 125, "g", 0.45)));

    private static Base ru(String name, Unit unit, String origin, int min, int max) {
        return new Base(name, unit, origin, min, max, false);
    }

    private static Base en(String name, Unit unit, String origin, int min, int max) {
        return new Base(name, unit, origin, min, max, true);
    }

    private static final List<SectorPlan> SECTORS = List.of(
            new SectorPlan("FRU", "Фрукты", "Свежие фрукты и ягоды: яблоки и груши из российских садов, цитрусовые, "
                    + "экзотика со всего света.",
                    new String[][] {
                            {"Сады Кубани", "Яблоки, груши и косточковые из садов Краснодарского края."},
                            {"Солнечный урожай", "Фрукты южных стран, отобранные по спелости."},
                            {"Fresh Valley", "Imported fruit, sorted and packed in Moscow region."},
                            {"Тропикана Маркет", "Экзотические фрукты прямыми поставками."},
                            {"Яблоневый край", "Фермерские яблоки и ягоды Центральной России."}},
                    List.of(ru("Яблоки Гала", Unit.WEIGHT, "Россия", 119, 189),
                            ru("Яблоки Голден", Unit.WEIGHT, "Россия", 109, 169),
                            ru("Яблоки Гренни Смит", Unit.WEIGHT, "Турция", 139, 209),
                            ru("Яблоки Семеренко", Unit.WEIGHT, "Россия", 99, 159),
                            ru("Груши Конференция", Unit.WEIGHT, "Испания", 189, 279),
                            ru("Груши Вильямс", Unit.WEIGHT, "Турция", 169, 249),
                            ru("Бананы", Unit.WEIGHT, "Эквадор", 99, 149),
                            ru("Апельсины", Unit.WEIGHT, "Египет", 119, 179),
                            ru("Мандарины", Unit.WEIGHT, "Марокко", 149, 239),
                            ru("Лимоны", Unit.WEIGHT, "Турция", 159, 229),
                            ru("Грейпфрут", Unit.WEIGHT, "ЮАР", 129, 199),
                            ru("Киви", Unit.WEIGHT, "Новая Зеландия", 249, 369),
                            ru("Виноград Кишмиш", Unit.WEIGHT, "Узбекистан", 289, 429),
                            ru("Виноград Изабелла", Unit.WEIGHT, "Россия", 229, 329),
                            ru("Хурма Королёк", Unit.WEIGHT, "Узбекистан", 219, 319),
                            ru("Персики", Unit.WEIGHT, "Армения", 259, 389),
                            ru("Нектарины", Unit.WEIGHT, "Армения", 269, 399),
                            ru("Абрикосы", Unit.WEIGHT, "Армения", 279, 419),
                            ru("Сливы", Unit.WEIGHT, "Россия", 189, 289),
                            ru("Черешня", Unit.WEIGHT, "Узбекистан", 449, 699),
                            ru("Клубника", Unit.WEIGHT, "Россия", 499, 799),
                            ru("Голубика", Unit.WEIGHT, "Перу", 899, 1299),
                            ru("Малина", Unit.WEIGHT, "Россия", 799, 1199),
                            ru("Гранат", Unit.PIECE, "Азербайджан", 119, 189),
                            ru("Ананас", Unit.PIECE, "Коста-Рика", 249, 399),
                            ru("Манго", Unit.PIECE, "Перу", 149, 249),
                            ru("Авокадо Хасс", Unit.PIECE, "Кения", 89, 149),
                            ru("Помело", Unit.PIECE, "Китай", 189, 279),
                            en("Pink Lady Apples", Unit.WEIGHT, "Чили", 229, 329),
                            en("Organic Bananas", Unit.WEIGHT, "Эквадор", 169, 229)),
                    "Хранить при температуре от +4 до +8 °C.", "Keep at +4 to +8 °C."),
            new SectorPlan("VEG", "Овощи", "Овощи, зелень и грибы: от картофеля до спаржи, с полей и из теплиц.",
                    new String[][] {
                            {"Зелёная грядка", "Тепличные овощи и зелень круглый год."},
                            {"Фермерское подворье", "Овощи небольших хозяйств Подмосковья и Тульской области."},
                            {"Овощной двор", "Корнеплоды и капуста с полей Поволжья."},
                            {"Green Field", "Salads, herbs and baby vegetables."},
                            {"Дары Подмосковья", "Сезонные овощи с доставкой в день сбора."}},
                    List.of(ru("Картофель молодой", Unit.WEIGHT, "Россия", 49, 89),
                            ru("Картофель для запекания", Unit.WEIGHT, "Беларусь", 39, 69),
                            ru("Морковь мытая", Unit.WEIGHT, "Россия", 39, 69),
                            ru("Лук репчатый", Unit.WEIGHT, "Россия", 29, 59),
                            ru("Лук красный", Unit.WEIGHT, "Узбекистан", 59, 99),
                            ru("Свёкла", Unit.WEIGHT, "Россия", 35, 65),
                            ru("Капуста белокочанная", Unit.WEIGHT, "Россия", 29, 55),
                            ru("Капуста цветная", Unit.WEIGHT, "Китай", 189, 289),
                            ru("Брокколи", Unit.WEIGHT, "Китай", 249, 369),
                            ru("Огурцы короткоплодные", Unit.WEIGHT, "Россия", 149, 259),
                            ru("Огурцы длинноплодные", Unit.WEIGHT, "Россия", 129, 219),
                            ru("Томаты черри", Unit.WEIGHT, "Россия", 349, 549),
                            ru("Томаты розовые", Unit.WEIGHT, "Россия", 249, 399),
                            ru("Томаты сливовидные", Unit.WEIGHT, "Турция", 199, 299),
                            ru("Перец сладкий красный", Unit.WEIGHT, "Израиль", 299, 449),
                            ru("Перец сладкий жёлтый", Unit.WEIGHT, "Израиль", 299, 449),
                            ru("Баклажаны", Unit.WEIGHT, "Турция", 169, 259),
                            ru("Кабачки", Unit.WEIGHT, "Россия", 99, 169),
                            ru("Чеснок", Unit.WEIGHT, "Китай", 249, 369),
                            ru("Имбирь", Unit.WEIGHT, "Китай", 299, 449),
                            ru("Редис", Unit.WEIGHT, "Россия", 149, 229),
                            ru("Батат", Unit.WEIGHT, "Египет", 249, 349),
                            ru("Шампиньоны", Unit.WEIGHT, "Россия", 249, 359),
                            ru("Вешенки", Unit.WEIGHT, "Россия", 299, 429),
                            ru("Тыква Баттернат", Unit.PIECE, "Россия", 149, 229),
                            ru("Салат Айсберг", Unit.PIECE, "Россия", 99, 159),
                            ru("Кукуруза в початках", Unit.PIECE, "Россия", 59, 99),
                            ru("Сельдерей черешковый", Unit.PIECE, "Израиль", 119, 179),
                            en("Cherry Tomatoes on the Vine", Unit.WEIGHT, "Россия", 449, 649),
                            en("Baby Spinach", Unit.WEIGHT, "Италия", 899, 1299)),
                    "Хранить в прохладном тёмном месте.", "Keep in a cool, dark place."),
            new SectorPlan("DRK", "Напитки", "Вода, соки, морсы, лимонады, чай и кофе.",
                    new String[][] {
                            {"Родник Кавказа", "Минеральная и питьевая вода из кавказских источников."},
                            {"Сок и сад", "Соки прямого отжима и нектары."},
                            {"Чайная плантация", "Чай и травяные сборы."},
                            {"Morning Roast", "Coffee roasted in small batches."},
                            {"Северная ягода", "Морсы и компоты из лесных ягод."}},
                    List.of(ru("Вода минеральная газированная", Unit.LIQUID, "Россия", 49, 89),
                            ru("Вода питьевая негазированная", Unit.LIQUID, "Россия", 29, 59),
                            ru("Вода детская", Unit.LIQUID, "Россия", 39, 69),
                            ru("Сок яблочный прямого отжима", Unit.LIQUID, "Россия", 149, 229),
                            ru("Сок апельсиновый", Unit.LIQUID, "Бразилия", 169, 259),
                            ru("Сок томатный", Unit.LIQUID, "Россия", 119, 179),
                            ru("Сок виноградный", Unit.LIQUID, "Россия", 159, 239),
                            ru("Нектар персиковый", Unit.LIQUID, "Россия", 109, 159),
                            ru("Нектар вишнёвый", Unit.LIQUID, "Россия", 119, 169),
                            ru("Морс клюквенный", Unit.LIQUID, "Россия", 129, 199),
                            ru("Морс брусничный", Unit.LIQUID, "Россия", 129, 199),
                            ru("Компот из вишни", Unit.LIQUID, "Россия", 139, 209),
                            ru("Квас хлебный", Unit.LIQUID, "Россия", 79, 129),
                            ru("Лимонад «Тархун»", Unit.LIQUID, "Россия", 89, 139),
                            ru("Лимонад «Дюшес»", Unit.LIQUID, "Россия", 89, 139),
                            ru("Лимонад «Буратино»", Unit.LIQUID, "Россия", 79, 129),
                            ru("Холодный чай с лимоном", Unit.LIQUID, "Россия", 99, 149),
                            ru("Холодный чай с персиком", Unit.LIQUID, "Россия", 99, 149),
                            ru("Кокосовая вода", Unit.LIQUID, "Таиланд", 299, 449),
                            ru("Смузи манго-маракуйя", Unit.LIQUID, "Россия", 249, 369),
                            ru("Чай чёрный листовой", Unit.PACKAGED, "Индия", 349, 599),
                            ru("Чай зелёный с жасмином", Unit.PACKAGED, "Китай", 399, 649),
                            ru("Иван-чай", Unit.PACKAGED, "Россия", 299, 459),
                            ru("Кофе в зёрнах Арабика", Unit.PACKAGED, "Бразилия", 749, 1199),
                            ru("Кофе молотый для турки", Unit.PACKAGED, "Бразилия", 599, 899),
                            ru("Какао-порошок", Unit.PACKAGED, "Кения", 399, 599),
                            en("Sparkling Water Lemon", Unit.LIQUID, "Россия", 69, 109),
                            en("Cold Brew Coffee", Unit.LIQUID, "Россия", 299, 449),
                            en("Earl Grey Tea", Unit.PACKAGED, "Индия", 399, 599)),
                    "После вскрытия хранить в холодильнике не более трёх суток.",
                    "Once opened, keep refrigerated for up to three days."),
            new SectorPlan("GRC", "Бакалея", "Крупы, макароны, мука, масло, специи, мёд, орехи и сухофрукты.",
                    new String[][] {
                            {"Мельница", "Мука и крупы мелкого помола."},
                            {"Золотое зерно", "Крупы и бобовые из Алтайского края."},
                            {"Пряный путь", "Специи и приправы со всего мира."},
                            {"Italiano Pasta", "Pasta from durum wheat, bronze-cut."},
                            {"Медовый край", "Мёд, орехи и сухофрукты."}},
                    List.of(ru("Рис длиннозёрный", Unit.PACKAGED, "Россия", 79, 129),
                            ru("Рис басмати", Unit.PACKAGED, "Индия", 149, 229),
                            ru("Гречка ядрица", Unit.PACKAGED, "Россия", 69, 119),
                            ru("Овсяные хлопья", Unit.PACKAGED, "Россия", 49, 89),
                            ru("Пшено шлифованное", Unit.PACKAGED, "Россия", 39, 69),
                            ru("Булгур", Unit.PACKAGED, "Турция", 99, 159),
                            ru("Киноа белая", Unit.PACKAGED, "Перу", 249, 389),
                            ru("Чечевица красная", Unit.PACKAGED, "Турция", 99, 149),
                            ru("Нут", Unit.PACKAGED, "Россия", 89, 139),
                            ru("Макароны спагетти", Unit.PACKAGED, "Италия", 89, 169),
                            ru("Макароны пенне", Unit.PACKAGED, "Италия", 89, 169),
                            ru("Мука пшеничная высший сорт", Unit.PACKAGED, "Россия", 39, 69),
                            ru("Мука цельнозерновая", Unit.PACKAGED, "Россия", 59, 99),
                            ru("Сахар-песок", Unit.PACKAGED, "Россия", 39, 69),
                            ru("Соль морская", Unit.PACKAGED, "Италия", 59, 99),
                            ru("Мёд цветочный", Unit.PACKAGED, "Россия", 349, 549),
                            ru("Мёд гречишный", Unit.PACKAGED, "Россия", 399, 599),
                            ru("Перец чёрный молотый", Unit.PACKAGED, "Индия", 449, 699),
                            ru("Паприка копчёная", Unit.PACKAGED, "Испания", 499, 749),
                            ru("Корица молотая", Unit.PACKAGED, "Индия", 399, 599),
                            ru("Орехи грецкие", Unit.PACKAGED, "Узбекистан", 449, 699),
                            ru("Миндаль", Unit.PACKAGED, "Испания", 549, 799),
                            ru("Кешью", Unit.PACKAGED, "Индия", 599, 899),
                            ru("Изюм", Unit.PACKAGED, "Узбекистан", 199, 299),
                            ru("Курага", Unit.PACKAGED, "Узбекистан", 299, 449),
                            ru("Масло подсолнечное рафинированное", Unit.LIQUID, "Россия", 129, 189),
                            ru("Масло оливковое Extra Virgin", Unit.LIQUID, "Испания", 899, 1399),
                            en("Arborio Rice", Unit.PACKAGED, "Италия", 199, 299),
                            en("Medjool Dates", Unit.PACKAGED, "Израиль", 599, 899)),
                    "Хранить в сухом месте при температуре не выше +25 °C.", "Store in a dry place below +25 °C."),
            new SectorPlan("DAI", "Молочные продукты", "Молоко, кисломолочные продукты, творог, сыры и масло.",
                    new String[][] {
                            {"Молочная долина", "Молоко и кисломолочные продукты с фермы в Ярославской области."},
                            {"Деревенское утро", "Творог, сметана и масло по ГОСТу."},
                            {"Сырная лавка", "Сыры российских сыроварен."},
                            {"Alpine Dairy", "Yogurts and cheeses made the alpine way."},
                            {"Бурёнкин луг", "Молоко от коров на свободном выгуле."}},
                    List.of(ru("Молоко пастеризованное 2,5%", Unit.DAIRY_LIQUID, "Россия", 79, 119),
                            ru("Молоко ультрапастеризованное 3,2%", Unit.DAIRY_LIQUID, "Россия", 89, 129),
                            ru("Молоко топлёное 4%", Unit.DAIRY_LIQUID, "Россия", 99, 139),
                            ru("Кефир 1%", Unit.DAIRY_LIQUID, "Россия", 69, 99),
                            ru("Кефир 3,2%", Unit.DAIRY_LIQUID, "Россия", 79, 109),
                            ru("Ряженка 4%", Unit.DAIRY_LIQUID, "Россия", 89, 129),
                            ru("Варенец 2,5%", Unit.DAIRY_LIQUID, "Россия", 89, 129),
                            ru("Айран", Unit.DAIRY_LIQUID, "Россия", 69, 99),
                            ru("Йогурт питьевой клубника", Unit.DAIRY_LIQUID, "Россия", 89, 129),
                            ru("Йогурт греческий 2%", Unit.DAIRY_SOLID, "Россия", 149, 219),
                            ru("Сметана 15%", Unit.DAIRY_SOLID, "Россия", 129, 189),
                            ru("Сметана 20%", Unit.DAIRY_SOLID, "Россия", 149, 209),
                            ru("Творог 5%", Unit.DAIRY_SOLID, "Россия", 189, 269),
                            ru("Творог 9%", Unit.DAIRY_SOLID, "Россия", 199, 289),
                            ru("Творожный сыр сливочный", Unit.DAIRY_SOLID, "Россия", 249, 349),
                            ru("Сыр Российский", Unit.DAIRY_SOLID, "Россия", 449, 649),
                            ru("Сыр Гауда", Unit.DAIRY_SOLID, "Россия", 549, 749),
                            ru("Сыр Маасдам", Unit.DAIRY_SOLID, "Россия", 599, 799),
                            ru("Сыр Моцарелла", Unit.DAIRY_SOLID, "Россия", 499, 699),
                            ru("Сыр Сулугуни", Unit.DAIRY_SOLID, "Россия", 549, 749),
                            ru("Брынза", Unit.DAIRY_SOLID, "Россия", 449, 649),
                            ru("Масло сливочное 82,5%", Unit.DAIRY_SOLID, "Россия", 749, 999),
                            ru("Сливки 10%", Unit.DAIRY_LIQUID, "Россия", 149, 219),
                            ru("Сливки 33%", Unit.DAIRY_LIQUID, "Россия", 299, 429),
                            ru("Творожная масса с изюмом", Unit.DAIRY_SOLID, "Россия", 139, 199),
                            ru("Простокваша 2,5%", Unit.DAIRY_LIQUID, "Беларусь", 79, 109),
                            en("Greek Yogurt Natural", Unit.DAIRY_SOLID, "Россия", 199, 289),
                            en("Mozzarella Mini", Unit.DAIRY_SOLID, "Италия", 549, 799),
                            en("Goat Cheese", Unit.DAIRY_SOLID, "Грузия", 899, 1299)),
                    "Хранить при температуре от +2 до +6 °C.", "Keep refrigerated at +2 to +6 °C."));
}
