package org.sregistry.globus.sync;

import org.sregistry.api.ImageName;
import org.sregistry.api.ImageNameParser;

/**
 * Which images a rule keeps in step: {@code collection/*} (every image of one collection) or {@code collection/name*}
 * (those whose name starts with {@code name}), every tag of each. One collection per rule, so who may set it up is
 * one question: who manages that collection.
 *
 * @param collection the collection
 * @param namePrefix the start of the names matched; empty for all
 */
public record SyncMatch(String collection, String namePrefix) {

    /**
     * Reads {@code lab/*} or {@code lab/tool*}.
     *
     * @throws SyncRuleException naming {@code match}
     */
    public static SyncMatch parse(String text) {
        String match = text == null ? "" : text.trim();
        int slash = match.indexOf('/');
        if (slash <= 0 || !match.endsWith("*") || match.indexOf('*') != match.length() - 1
                || match.indexOf('/', slash + 1) >= 0) {
            throw SyncRuleException.invalid("match", "expected collection/* or collection/name*, such as lab/* or "
                    + "lab/tool*");
        }
        String collection = match.substring(0, slash);
        if (!ImageNameParser.isCollection(collection)) {
            throw SyncRuleException.invalid("match", "'" + shorten(collection) + "' is not a collection name (lower-case "
                    + "letters, digits, '.', '_' and '-')");
        }
        String prefix = match.substring(slash + 1, match.length() - 1);
        if (prefix.length() > ImageNameParser.MAX_PART_LENGTH
                || !prefix.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-')) {
            throw SyncRuleException.invalid("match", "the name part may hold lower-case letters, digits, '.', '_' and '-'"
                    + " before the closing *");
        }
        return new SyncMatch(collection, prefix);
    }

    /** True for an image this rule sends. */
    public boolean matches(ImageName name) {
        return name.collection().equals(collection) && name.name().startsWith(namePrefix);
    }

    /** As written: {@code lab/tool*}. */
    public String text() {
        return collection + "/" + namePrefix + "*";
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
