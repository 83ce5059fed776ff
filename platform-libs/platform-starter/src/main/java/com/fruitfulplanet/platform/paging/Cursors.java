package com.fruitfulplanet.platform.paging;

import com.fruitfulplanet.platform.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors: the position of the last item seen, Base64url-encoded so clients treat it as a token, not as
 * something to build. A cursor that does not decode is a 400, not a 500.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Cursors() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** For a cursor that decodes but whose content the caller cannot parse. */
    public static RuntimeException invalid() {
        return Problems.invalidField("cursor", "is not a cursor this API returned");
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw Problems.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
