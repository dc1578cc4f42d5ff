package io.sipfront.config;

/**
 * First-version routing: which destination set serves each direction.
 *
 * @param inboundSet  calls from a carrier go to this set (the platform)
 * @param outboundSet calls from the platform go to this set (the carriers)
 */
public record RoutingSettings(String inboundSet, String outboundSet) {
}
