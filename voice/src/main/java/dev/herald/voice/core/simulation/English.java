package dev.herald.voice.core.simulation;

/** Writes whole numbers below a billion in English words ("one hundred twenty"), as people say them. */
final class English {
    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

    private English() {}

    static String words(long n) {
        if (n < 0 || n >= 1_000_000_000L) {
            throw new IllegalArgumentException("0..999,999,999 only");
        }
        if (n < 20) {
            return SMALL[(int) n];
        }
        if (n < 100) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : "-" + SMALL[(int) (n % 10)]);
        }
        if (n < 1000) {
            return SMALL[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " and " + words(n % 100));
        }
        if (n < 1_000_000) {
            return words(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + words(n % 1000));
        }
        return words(n / 1_000_000) + " million" + (n % 1_000_000 == 0 ? "" : " " + words(n % 1_000_000));
    }
}
