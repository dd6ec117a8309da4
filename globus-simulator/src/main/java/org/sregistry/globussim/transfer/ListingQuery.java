package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Times;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code filter} and {@code orderby} of an {@code ls}: clauses {@code field:value} joined by {@code /};
 * for name/type a comma means any-of and a value prefix {@code =} exact, {@code ~} glob, {@code !} not,
 * {@code !~} not-glob; for size/last_modified a comma means a {@code start,end} range, and {@code >5} style works.
 */
final class ListingQuery {
    private ListingQuery() {}

    static Predicate<Map<String, Object>> filter(String filter) {
        Predicate<Map<String, Object>> all = d -> true;
        if (filter == null || filter.isBlank()) return all;
        for (String clause : filter.split("/")) {
            if (clause.isBlank()) continue;
            int colon = clause.indexOf(':');
            if (colon < 0) throw ApiError.badRequest("Invalid filter clause '" + clause + "'");
            String field = clause.substring(0, colon).trim();
            String value = clause.substring(colon + 1);
            Predicate<Map<String, Object>> p = switch (field) {
                case "name", "type", "permissions", "user", "group" -> textClause(field, value);
                case "size" -> rangeClause(value, d -> ((Number) d.get("size")).doubleValue(), Double::parseDouble);
                case "last_modified" -> rangeClause(value, d -> (double) Times.parse((String) d.get("last_modified")).getEpochSecond(),
                        s -> (double) Times.parse(s).getEpochSecond());
                default -> throw ApiError.badRequest("Unsupported filter field '" + field + "'");
            };
            all = all.and(p);
        }
        return all;
    }

    private static Predicate<Map<String, Object>> textClause(String field, String value) {
        boolean negate = false;
        boolean glob = false;
        String v = value;
        if (v.startsWith("!")) { negate = true; v = v.substring(1); }
        if (v.startsWith("~")) { glob = true; v = v.substring(1); }
        else if (v.startsWith("=")) { v = v.substring(1); }
        List<Predicate<String>> alternatives = new ArrayList<>();
        for (String alt : v.split(",")) {
            if (glob) {
                Pattern re = globPattern(alt);
                alternatives.add(s -> s != null && re.matcher(s).matches());
            } else {
                alternatives.add(alt::equals);
            }
        }
        boolean neg = negate;
        return d -> {
            String s = (String) d.get(field);
            boolean any = alternatives.stream().anyMatch(a -> a.test(s));
            return neg != any;
        };
    }

    private interface Parse { double parse(String s); }
    private interface Extract { double of(Map<String, Object> d); }

    private static Predicate<Map<String, Object>> rangeClause(String value, Extract extract, Parse parse) {
        try {
            String v = value.trim();
            if (v.startsWith(">=")) { double b = parse.parse(v.substring(2)); return d -> extract.of(d) >= b; }
            if (v.startsWith("<=")) { double b = parse.parse(v.substring(2)); return d -> extract.of(d) <= b; }
            if (v.startsWith(">")) { double b = parse.parse(v.substring(1)); return d -> extract.of(d) > b; }
            if (v.startsWith("<")) { double b = parse.parse(v.substring(1)); return d -> extract.of(d) < b; }
            if (v.contains(",")) {
                String[] parts = v.split(",", 2);
                Double lo = parts[0].isBlank() ? null : parse.parse(parts[0]);
                Double hi = parts[1].isBlank() ? null : parse.parse(parts[1]);
                return d -> (lo == null || extract.of(d) >= lo) && (hi == null || extract.of(d) <= hi);
            }
            double exact = parse.parse(v.startsWith("=") ? v.substring(1) : v);
            return d -> extract.of(d) == exact;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid filter value '" + value + "'");
        }
    }

    static Comparator<Map<String, Object>> order(String orderby) {
        Comparator<Map<String, Object>> byName = Comparator.comparing(d -> (String) d.get("name"));
        if (orderby == null || orderby.isBlank()) return byName;
        Comparator<Map<String, Object>> out = null;
        for (String part : orderby.split(",")) {
            String[] words = part.trim().split("\\s+");
            String field = words[0];
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("DESC");
            Comparator<Map<String, Object>> c = switch (field) {
                case "name", "type", "permissions", "user", "group" ->
                        Comparator.comparing(d -> String.valueOf(d.get(field)));
                case "size" -> Comparator.comparingLong(d -> ((Number) d.get("size")).longValue());
                case "last_modified" -> Comparator.comparing(d -> (String) d.get("last_modified"));
                default -> throw ApiError.badRequest("Unsupported orderby field '" + field + "'");
            };
            if (desc) c = c.reversed();
            out = out == null ? c : out.thenComparing(c);
        }
        return out.thenComparing(byName);
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

}
