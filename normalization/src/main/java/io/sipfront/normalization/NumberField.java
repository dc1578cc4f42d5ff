package io.sipfront.normalization;

import io.sipfront.normalization.config.NumberRule;

/** Which number of a call: the one dialled (Request-URI, To) or the caller's (From, PAI, RPID). */
public enum NumberField {
    DIALLED(NumberRule.Field.DIALLED, 484, "Address Incomplete"),
    CALLER(NumberRule.Field.CALLER, 403, "Invalid Caller Number");

    final NumberRule.Field ruleField;
    /** The answer when the number cannot be made valid and the carrier's policy is to reject. */
    final int rejectStatus;
    final String rejectReason;

    NumberField(NumberRule.Field ruleField, int rejectStatus, String rejectReason) {
        this.ruleField = ruleField;
        this.rejectStatus = rejectStatus;
        this.rejectReason = rejectReason;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
