package com.fruitfulplanet.catalog.web;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * URL slugs from names: lower-case ASCII words joined by '-', Cyrillic transliterated (the GOST 7.79-2000 B / Yandex
 * style shops use: "Молочные продукты" becomes "molochnye-produkty"). What the schema's slug check accepts.
 */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final int MAX_LENGTH = 100;

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
            Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"),
            Map.entry('й', "y"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"),
            Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"),
            Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""),
            Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"), Map.entry('і', "i"), Map.entry('ї', "yi"),
            Map.entry('є', "ye"), Map.entry('ў', "u"));

    private Slugs() {
    }

    /** The slug of a name; a name with no letters or digits at all gives {@code fallback}. */
    public static String of(String name, String fallback) {
        StringBuilder out = new StringBuilder();
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String cyrillic = CYRILLIC.get(c);
            out.append(cyrillic != null ? cyrillic : String.valueOf(c));
        }
        // Latin letters with accents lose them ("crème" → "creme"); anything else separates words.
        String ascii = Normalizer.normalize(out, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && slug.matches(PATTERN);
    }
}
