package io.sipfront.config;

import java.util.Collection;
import java.util.Optional;

/** Finds the allowed key a misspelt or shortened one was probably meant to be. */
final class KeySuggestion {
    private static final int MIN_PREFIX = 3;

    private KeySuggestion() {
    }

    static Optional<String> closest(String key, Collection<String> allowed) {
        Optional<String> completed = completion(key, allowed);
        if (completed.isPresent()) {
            return completed;
        }
        // Short keys are close to many others by edit distance alone; allow fewer edits there.
        int maxEdits = Math.max(1, key.length() / 3);
        String best = null;
        int bestDistance = maxEdits + 1;
        for (String candidate : allowed) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "prio" for "priority": the only allowed key that starts with what was typed. */
    private static Optional<String> completion(String key, Collection<String> allowed) {
        if (key.length() < MIN_PREFIX) {
            return Optional.empty();
        }
        String[] matches = allowed.stream().filter(k -> k.startsWith(key)).toArray(String[]::new);
        return matches.length == 1 ? Optional.of(matches[0]) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
