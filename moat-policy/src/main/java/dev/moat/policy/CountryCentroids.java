package dev.moat.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A representative point per country, for distances between countries.
 *
 * <p>The bundled table ({@code country-centroids.csv}, beside this class) is the {@code latlng} field of
 * the {@code world-countries} package 5.1.0 (mledoze/countries), licensed ODbL 1.0; the file's header and
 * {@code LICENSE-world-countries.txt} say so. A country's point can be hundreds of kilometres from where a
 * user actually is, so distances between neighbours are rough; the thresholds that use them are set with
 * that in mind.
 */
public final class CountryCentroids {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final CountryCentroids BUNDLED = load();

    private final Map<String, Point> points;

    private CountryCentroids(Map<String, Point> points) {
        this.points = Map.copyOf(points);
    }

    public static CountryCentroids bundled() {
        return BUNDLED;
    }

    public Optional<Point> of(String country) {
        return Optional.ofNullable(points.get(country));
    }

    public int size() {
        return points.size();
    }

    /** Great-circle distance between two countries' points, if both are known. */
    public Optional<Double> distanceKm(String from, String to) {
        Point a = points.get(from);
        Point b = points.get(to);
        return a == null || b == null ? Optional.empty() : Optional.of(a.distanceKm(b));
    }

    /** A point on the globe in decimal degrees. */
    public record Point(double latitude, double longitude) {

        /** Haversine great-circle distance on the mean Earth radius. */
        public double distanceKm(Point other) {
            double phi1 = Math.toRadians(latitude);
            double phi2 = Math.toRadians(other.latitude);
            double dPhi = phi2 - phi1;
            double dLambda = Math.toRadians(other.longitude - longitude);
            double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                    + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
            return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
        }
    }

    private static CountryCentroids load() {
        Map<String, Point> points = new HashMap<>();
        try (InputStream in = CountryCentroids.class.getResourceAsStream("country-centroids.csv")) {
            if (in == null) {
                throw new IllegalStateException("country-centroids.csv is missing from the moat-policy jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("country,")) {
                    continue;
                }
                String[] fields = line.split(",");
                points.put(fields[0], new Point(Double.parseDouble(fields[1]), Double.parseDouble(fields[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading country-centroids.csv from the moat-policy jar failed", e);
        }
        return new CountryCentroids(points);
    }
}
