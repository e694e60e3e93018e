package io.tunstack.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs Wycheproof vectors from $TUNSTACK_SHARED/testvectors/wycheproof (falling back to /work/shared):
 * "valid" must pass, "invalid" must fail, "acceptable" may do either.
 */
final class Wycheproof {

    /** One vector's check: returns true if the operation succeeded with the expected output. */
    @FunctionalInterface
    interface Check {
        boolean run(Map<String, Object> group, Map<String, Object> test) throws Exception;
    }

    private Wycheproof() {
    }

    static Path folder() {
        String shared = System.getenv("TUNSTACK_SHARED");
        return Path.of(shared == null ? "/work/shared" : shared, "testvectors", "wycheproof");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String file) throws IOException {
        return (Map<String, Object>) MiniJson.parse(Files.readString(folder().resolve(file)));
    }

    static byte[] hex(Map<String, Object> object, String key) {
        return HexFormat.of().parseHex((String) object.get(key));
    }

    static int integer(Map<String, Object> object, String key) {
        return ((java.math.BigDecimal) object.get(key)).intValueExact();
    }

    /**
     * Runs {@code check} on every vector of the groups {@code groups} accepts and fails listing every
     * vector whose outcome contradicts its result. Exceptions count as failure of the operation.
     *
     * @return the number of vectors run
     */
    @SuppressWarnings("unchecked")
    static int run(String file, Predicate<Map<String, Object>> groups, Check check) throws IOException {
        List<String> wrong = new ArrayList<>();
        int run = 0;
        for (Object g : (List<Object>) load(file).get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            if (!groups.test(group)) {
                continue;
            }
            for (Object t : (List<Object>) group.get("tests")) {
                Map<String, Object> test = (Map<String, Object>) t;
                boolean passed;
                try {
                    passed = check.run(group, test);
                } catch (Exception | AssertionError e) {
                    passed = false;
                }
                String result = (String) test.get("result");
                if ((result.equals("valid") && !passed) || (result.equals("invalid") && passed)) {
                    wrong.add("tcId " + test.get("tcId") + " (" + result + ", " + test.get("comment") + ")");
                }
                run++;
            }
        }
        assertTrue(wrong.isEmpty(), file + ": " + wrong.size() + " vectors with the wrong outcome: " + wrong);
        assertTrue(run > 0, file + ": no vectors ran");
        return run;
    }

    static Predicate<Map<String, Object>> allGroups() {
        return g -> true;
    }
}
