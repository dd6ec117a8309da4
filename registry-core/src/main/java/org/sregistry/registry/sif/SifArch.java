package org.sregistry.registry.sif;

import java.util.Map;

/** SIF architecture codes (the two-digit strings in the global header) and their Go names. */
public final class SifArch {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("00", "unknown"), Map.entry("01", "386"), Map.entry("02", "amd64"),
            Map.entry("03", "arm"), Map.entry("04", "arm64"), Map.entry("05", "ppc64"),
            Map.entry("06", "ppc64le"), Map.entry("07", "mips"), Map.entry("08", "mipsle"),
            Map.entry("09", "mips64"), Map.entry("10", "mips64le"), Map.entry("11", "s390x"),
            Map.entry("12", "riscv64"));

    private SifArch() {
    }

    /** The name for a code, or {@code unknown(<code>)}. */
    public static String name(String code) {
        String name = NAMES.get(code);
        return name != null ? name : "unknown(" + code + ")";
    }

    /** The code for a name such as {@code amd64}. */
    public static String code(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown SIF arch " + name));
    }
}
