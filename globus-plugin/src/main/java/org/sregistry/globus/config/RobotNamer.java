package org.sregistry.globus.config;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates robot names {@code descriptor-noun-NNNN} (e.g. {@code bumfuzzled-despacito-2591}), the way the
 * original registry named itself: a friendly, stable handle for this registry that also names its Globus
 * Connect Personal endpoint ({@code sregistry-<robot name>}).
 */
public final class RobotNamer {

    /** What a robot name (and any name an admin sets instead) must look like. */
    public static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Longest accepted robot name. */
    public static final int MAX_LENGTH = 64;

    private static final List<String> DESCRIPTORS = List.of(
            "adorable", "angry", "bloated", "blue", "boopy", "bumfuzzled", "buttery", "carniverous", "chocolate",
            "chunky", "confused", "crusty", "cowy", "creamy", "crunchy", "cupcake", "dinosaur", "dirty", "doopy",
            "eccentric", "evasive", "expensive", "fat", "fluffy", "fuzzy", "gassy", "gloopy", "goodbye", "grated",
            "hairy", "hanky", "hello", "hungry", "joyous", "lazy", "lovable", "loopy", "milky", "misunderstood",
            "moolicious", "muffled", "mushy", "nerdy", "nostalgic", "outstanding", "peachy", "persnickety",
            "placid", "pusheena", "quirky", "red", "rainbow", "salted", "sticky", "strawberry", "stinky", "swampy",
            "tart", "tasty", "tender", "thirsty", "wobbly", "wonderful", "wiggly", "yummy", "zippy");

    private static final List<String> NOUNS = List.of(
            "avocado", "banana", "bicycle", "bits", "blackberry", "biscuit", "butter", "cat", "cattywampus",
            "chair", "cherry", "chip", "cupcake", "despacito", "destiny", "diablo", "earthworm", "egg", "emu",
            "fork", "frito", "gato", "general", "hobbit", "house", "kerfuffle", "knife", "latke", "leader",
            "lemon", "lettuce", "malarkey", "milkshake", "mango", "noodle", "nunchucks", "omelette", "onion",
            "pancake", "parrot", "peanut", "pear", "pickle", "pencil", "peas", "pot", "pudding", "puppy", "rabbit",
            "ricecake", "salad", "sandwich", "signal", "snak", "soup", "spoon", "squidward", "staircase",
            "taco", "toaster", "train", "truffle", "underoos", "valentine", "waffle", "weasel", "yoda");

    private final Random random;

    /** A namer with a secure random source (names should not be guessable from the start time). */
    public RobotNamer() {
        this(new SecureRandom());
    }

    /** A namer with the given random source (tests). */
    public RobotNamer(Random random) {
        this.random = random;
    }

    /** A new name {@code descriptor-noun-NNNN}. */
    public String generate() {
        return DESCRIPTORS.get(random.nextInt(DESCRIPTORS.size())) + "-"
                + NOUNS.get(random.nextInt(NOUNS.size())) + "-"
                + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
    }

    /** True when {@code name} is an acceptable robot name. */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }
}
