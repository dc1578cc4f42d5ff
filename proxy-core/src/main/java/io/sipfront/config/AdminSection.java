package io.sipfront.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The optional {@code admin} section; whatever is left out keeps {@link AdminSettings#defaults}. The core's own
 * {@link ConfigSection}, always registered; {@code sipfront ctl} reads it alone ({@link ConfigLoader#loadAdmin}).
 */
public final class AdminSection {
    public static final String KEY = "admin";
    public static final ConfigSection<AdminSettings> SECTION = ConfigSection.of(KEY,
            context -> AdminSettings.defaults(context.source()), (node, context) -> read(node, context.source()));
    static final List<String> KEYS = List.of("enabled", "listen", "token", "token_file");
    static final String LISTEN_FORM = "IP:PORT, e.g. 127.0.0.1:9060 or [::1]:9060";
    /** Guessable tokens defeat the point; 16 printable characters is the floor, a generated one has 64. */
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private AdminSection() {
    }

    static AdminSettings read(ConfigNode node, Path configFile) throws ConfigException {
        AdminSettings d = AdminSettings.defaults(configFile);
        ConfigMap admin = node.asMap(KEYS);
        boolean enabled = admin.optionalBoolean("enabled", d.enabled());
        InetSocketAddress listen = d.listen();
        if (admin.has("listen")) {
            listen = admin.required("listen").parse(AdminSection::parseListen,
                    "an address (" + LISTEN_FORM + ")");
        }
        if (admin.has("token") && admin.has("token_file")) {
            throw admin.required("token_file").error("give either token or token_file, not both");
        }
        String token = null;
        Path tokenFile = d.tokenFile();
        if (admin.has("token")) {
            token = admin.required("token").parse(AdminSection::parseToken, "a token");
            tokenFile = null;
        } else if (admin.has("token_file")) {
            tokenFile = ConfigPaths.read(admin.required("token_file"), configFile);
        }
        return new AdminSettings(enabled, listen, token, tokenFile);
    }

    static InetSocketAddress parseListen(String text) throws InvalidValueException {
        HostPort hostPort = HostPort.split(text);
        if (hostPort.isUnbracketedIpv6()) {
            throw new InvalidValueException("'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:9060");
        }
        if (hostPort.port() == null) {
            throw new InvalidValueException("'" + text + "' has no port; write " + LISTEN_FORM);
        }
        InetAddress address = IpLiterals.parse(hostPort.host());
        return new InetSocketAddress(address, Ports.parse(hostPort.port()));
    }

    static String parseToken(String text) throws InvalidValueException {
        if (!TOKEN.matcher(text).matches()) {
            throw new InvalidValueException("the token may hold only printable ASCII characters without spaces");
        }
        if (text.length() < MIN_TOKEN_LENGTH) {
            throw new InvalidValueException("the token is " + text.length() + " characters long; use at least "
                    + MIN_TOKEN_LENGTH + " (or leave token out and let Sipfront generate token_file)");
        }
        return text;
    }
}
