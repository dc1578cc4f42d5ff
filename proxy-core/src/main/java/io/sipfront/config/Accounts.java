package io.sipfront.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The validated {@code accounts} section: at most one account per carrier, in file order. */
public final class Accounts {
    public static final Accounts NONE = new Accounts(List.of());

    private final List<AccountSettings> all;
    private final Map<String, AccountSettings> byCarrier = new LinkedHashMap<>();

    public Accounts(List<AccountSettings> accounts) {
        this.all = List.copyOf(accounts);
        for (AccountSettings a : all) {
            if (byCarrier.putIfAbsent(a.carrier(), a) != null) {
                throw new IllegalArgumentException("two accounts for carrier " + a.carrier());
            }
        }
    }

    public List<AccountSettings> all() {
        return all;
    }

    public Optional<AccountSettings> forCarrier(String carrier) {
        return carrier == null ? Optional.empty() : Optional.ofNullable(byCarrier.get(carrier));
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accounts a && all.equals(a.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
