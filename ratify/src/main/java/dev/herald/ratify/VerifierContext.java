package dev.herald.ratify;

/**
 * Application inputs for constraint evaluation (SPEC 5.16). Every group is optional; a constraint
 * whose input is absent fails {@code constraint_unverifiable}. Build with {@link #builder()}.
 */
public record VerifierContext(
        boolean hasLocation,
        double currentLat,
        double currentLon,
        double currentAltM,
        boolean hasSpeed,
        double currentSpeedMps,
        boolean hasAmount,
        double requestedAmount,
        String requestedCurrency,
        InvocationCounter invocationsInWindow,
        boolean hasResource,
        String requestedResourceId,
        String requestedPath) {

    /** Supplies the {@code max_rate} counter: uses of {@code certId} in the last {@code windowS}. */
    @FunctionalInterface
    public interface InvocationCounter {
        long invocationsInWindow(String certId, long windowS);
    }

    private static final VerifierContext EMPTY = builder().build();

    public static VerifierContext empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private boolean hasLocation;
        private double lat;
        private double lon;
        private double alt;
        private boolean hasSpeed;
        private double speed;
        private boolean hasAmount;
        private double amount;
        private String currency = "";
        private InvocationCounter counter;
        private boolean hasResource;
        private String resourceId = "";
        private String path = "";

        public Builder location(double lat, double lon) {
            this.hasLocation = true;
            this.lat = lat;
            this.lon = lon;
            return this;
        }

        public Builder altitudeM(double altM) {
            this.alt = altM;
            return this;
        }

        public Builder speedMps(double mps) {
            this.hasSpeed = true;
            this.speed = mps;
            return this;
        }

        public Builder amount(double amount, String currency) {
            this.hasAmount = true;
            this.amount = amount;
            this.currency = currency == null ? "" : currency;
            return this;
        }

        public Builder invocationCounter(InvocationCounter counter) {
            this.counter = counter;
            return this;
        }

        /** The resource the operation targets; {@code path} may be null or empty (whole resource). */
        public Builder resource(String resourceId, String path) {
            if (resourceId == null || resourceId.isEmpty()) {
                throw new IllegalArgumentException("requested resource id must be non-empty");
            }
            this.hasResource = true;
            this.resourceId = resourceId;
            this.path = path == null ? "" : path;
            return this;
        }

        public VerifierContext build() {
            return new VerifierContext(hasLocation, lat, lon, alt, hasSpeed, speed, hasAmount, amount,
                    currency, counter, hasResource, resourceId, path);
        }
    }
}
