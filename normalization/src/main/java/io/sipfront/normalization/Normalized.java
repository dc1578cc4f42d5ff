package io.sipfront.normalization;

import java.util.List;

/**
 * What normalization made of one number.
 *
 * @param number the number to send: rewritten, or the input unchanged when it is invalid
 * @param valid  false when it could not be made a possible number (counted, and rejected if the plan says so)
 * @param fired  what changed it, in order: {@code rule 2 (inbound dialled ^0044 -> +44)}, {@code e164 (GB)}, ...
 */
public record Normalized(String number, boolean valid, List<String> fired) {
    public Normalized {
        fired = List.copyOf(fired);
    }
}
