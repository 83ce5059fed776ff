package com.fruitfulplanet.catalog.web;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * URL slugs (and codes) made from names: Cyrillic transliterated ("Молочные продукты" → {@code molochnye-produkty}),
 * accents dropped, anything else but letters and digits a single hyphen; and kept unique per parent (a sector, or
 * the whole table) by numbering: {@code frukty}, {@code frukty-2}, ...
 */
public final class Slugs {

    /** What the schema accepts (the CHECK on sector, brand and price_type). */
    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    /** The longest slug a client may send. */
    public static final int MAX_LENGTH = 100;
    /** The longest slug made from a name: room left for a "-N" that makes it unique. */
    public static final int MAX_GENERATED_LENGTH = 80;

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    private static final Map<Character, String> CYRILLIC = cyrillic();

    private Slugs() {
    }

    /** The slug of {@code name}, or {@code fallback} when nothing of it is left (a name of punctuation only). */
    public static String of(String name, String fallback) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder(lower.length() + 8);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String replacement = CYRILLIC.get(c);
            latin.append(replacement != null ? replacement : String.valueOf(c));
        }
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(latin, Normalizer.Form.NFD)).replaceAll("");
        String slug = trimHyphens(NOT_ALPHANUMERIC.matcher(ascii).replaceAll("-"));
        slug = shorten(slug, MAX_GENERATED_LENGTH);
        return slug.isEmpty() ? fallback : slug;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** At most {@code maxLength} characters, cut at a word boundary when one is near the end. */
    public static String shorten(String slug, int maxLength) {
        if (slug.length() <= maxLength) {
            return slug;
        }
        String cut = slug.substring(0, maxLength);
        int lastHyphen = cut.lastIndexOf('-');
        return trimHyphens(lastHyphen > maxLength / 2 ? cut.substring(0, lastHyphen) : cut);
    }

    private static String trimHyphens(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }

    private static Map<Character, String> cyrillic() {
        String[][] pairs = {
                {"а", "a"}, {"б", "b"}, {"в", "v"}, {"г", "g"}, {"д", "d"}, {"е", "e"}, {"ё", "e"}, {"ж", "zh"},
                {"з", "z"}, {"и", "i"}, {"й", "y"}, {"к", "k"}, {"л", "l"}, {"м", "m"}, {"н", "n"}, {"о", "o"},
                {"п", "p"}, {"р", "r"}, {"с", "s"}, {"т", "t"}, {"у", "u"}, {"ф", "f"}, {"х", "kh"}, {"ц", "ts"},
                {"ч", "ch"}, {"ш", "sh"}, {"щ", "shch"}, {"ъ", ""}, {"ы", "y"}, {"ь", ""}, {"э", "e"}, {"ю", "yu"},
                {"я", "ya"},
                // Ukrainian and Belarusian letters that Russian lacks.
                {"і", "i"}, {"ї", "yi"}, {"є", "ye"}, {"ґ", "g"}, {"ў", "u"}};
        Map<Character, String> map = new HashMap<>();
        for (String[] pair : pairs) {
            map.put(pair[0].charAt(0), pair[1]);
        }
        return Map.copyOf(map);
    }
}
