package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Times;
import org.sregistry.globussim.store.TaskRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code task_list}'s {@code filter} and {@code orderby}. Clauses are joined by {@code /}: {@code task_id:},
 * {@code type:}, {@code status:} (comma lists), {@code label:} ({@code ~pattern}, {@code !~}, {@code =exact},
 * {@code !}), {@code request_time:} / {@code completion_time:} ({@code start,end}, inclusive, either side blank,
 * both timestamp styles). Unknown fields are ignored (tolerant).
 */
final class TaskListQuery {
    private TaskListQuery() {}

    static Predicate<TaskRecord> filter(String filter) {
        Predicate<TaskRecord> all = t -> true;
        if (filter == null || filter.isBlank()) return all;
        for (String clause : filter.split("/")) {
            if (clause.isBlank()) continue;
            int colon = clause.indexOf(':');
            if (colon < 0) throw ApiError.badRequest("Invalid filter clause '" + clause + "'");
            String field = clause.substring(0, colon).trim();
            String value = clause.substring(colon + 1).trim();
            Predicate<TaskRecord> p = switch (field) {
                case "task_id" -> anyOf(value, t -> t.taskId, false);
                case "type" -> anyOf(value, t -> t.type, true);
                case "status" -> anyOf(value, t -> t.status, true);
                case "label" -> label(value);
                case "request_time" -> range(value, t -> t.requestTime);
                case "completion_time" -> range(value, t -> t.completionTime);
                default -> t -> true;
            };
            all = all.and(p);
        }
        return all;
    }

    private static Predicate<TaskRecord> anyOf(String value, Function<TaskRecord, String> field, boolean upper) {
        Set<String> wanted = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> upper ? s.toUpperCase(Locale.ROOT) : s).collect(Collectors.toSet());
        return t -> wanted.contains(field.apply(t));
    }

    private static Predicate<TaskRecord> label(String value) {
        boolean negate = value.startsWith("!");
        String v = negate ? value.substring(1) : value;
        Predicate<String> match;
        if (v.startsWith("~")) {
            String pattern = v.substring(1);
            if (pattern.contains("*")) {
                Pattern re = ListingQuery.globPattern(pattern);
                match = s -> re.matcher(s).matches();
            } else {
                String needle = pattern.toLowerCase(Locale.ROOT);
                match = s -> s.toLowerCase(Locale.ROOT).contains(needle);
            }
        } else {
            String exact = v.startsWith("=") ? v.substring(1) : v;
            match = exact::equals;
        }
        Predicate<String> m = match;
        return t -> negate != (t.label != null && m.test(t.label));
    }

    private static Predicate<TaskRecord> range(String value, Function<TaskRecord, Instant> field) {
        String[] parts = value.split(",", -1);
        Instant lo = Times.parse(parts[0]);
        Instant hi = parts.length > 1 ? Times.parse(parts[1]) : null;
        if (parts.length == 1 && lo != null) hi = lo.plusSeconds(86400); // a bare day means that day
        Instant from = lo;
        Instant to = hi;
        return t -> {
            Instant v = field.apply(t);
            if (v == null) return false;
            Instant s = v.truncatedTo(ChronoUnit.SECONDS);
            return (from == null || !s.isBefore(from)) && (to == null || !s.isAfter(to));
        };
    }

    static Comparator<TaskRecord> order(String orderby) {
        String spec = orderby == null || orderby.isBlank() ? "request_time DESC" : orderby;
        Comparator<TaskRecord> out = null;
        for (String part : spec.split(",")) {
            String[] words = part.trim().split("\\s+");
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("DESC");
            Comparator<TaskRecord> c = switch (words[0]) {
                case "request_time" -> Comparator.comparing((TaskRecord t) -> t.requestTime, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "completion_time" -> Comparator.comparing((TaskRecord t) -> t.completionTime, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "label" -> Comparator.comparing((TaskRecord t) -> t.label, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "status" -> Comparator.comparing((TaskRecord t) -> t.status);
                case "type" -> Comparator.comparing((TaskRecord t) -> t.type);
                case "task_id" -> Comparator.comparing((TaskRecord t) -> t.taskId);
                default -> throw ApiError.badRequest("Unsupported orderby field '" + words[0] + "'");
            };
            if (desc) c = c.reversed();
            out = out == null ? c : out.thenComparing(c);
        }
        return out.thenComparing(t -> t.taskId);
    }
}
