package io.sipfront.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registered sections' values of one config. Immutable; each value is filed under the section that read it, so
 * {@link #get} hands it back with that section's type.
 */
public final class SectionValues {
    public static final SectionValues NONE = new SectionValues(Map.of());

    private final Map<ConfigSection<?>, Object> values;

    private SectionValues(Map<ConfigSection<?>, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A copy with {@code section}'s value set to {@code value}. */
    public <T> SectionValues with(ConfigSection<T> section, T value) {
        Map<ConfigSection<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(section, java.util.Objects.requireNonNull(value, section.key()));
        return new SectionValues(copy);
    }

    @SuppressWarnings("unchecked") // with() files a value only under the section of its type
    public <T> Optional<T> get(ConfigSection<T> section) {
        return Optional.ofNullable((T) values.get(section));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectionValues other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        values.forEach((section, value) -> s.append(s.length() > 1 ? ", " : "").append(section.key()).append('=')
                .append(value));
        return s.append('}').toString();
    }
}
