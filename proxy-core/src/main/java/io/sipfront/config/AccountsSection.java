package io.sipfront.config;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The optional {@code accounts} section: credentials per carrier, and each one's optional outbound registration.
 * The password is never written in the file: {@code password_file} (relative to the config file) or
 * {@code password_env}. Error messages name the file or variable, never its content.
 */
public final class AccountsSection {
    public static final String KEY = "accounts";
    public static final ConfigSection<Accounts> SECTION =
            ConfigSection.of(KEY, context -> Accounts.NONE, (node, context) -> read(node, context, System::getenv));
    static final List<String> KEYS = List.of("carrier", "username", "realm", "password_file", "password_env",
            "registration");
    static final List<String> REGISTRATION_KEYS = List.of("registrar", "aor", "contact_user", "expires_s");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.!~*'()&=+$,;?/%-]{1,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_PASSWORD_BYTES = 1024;

    private AccountsSection() {
    }

    /** @param env reads an environment variable (tests pass their own) */
    static Accounts read(ConfigNode node, SectionContext context, Function<String, String> env)
            throws ConfigException {
        if (node.isEmptyScalar()) {
            return Accounts.NONE;
        }
        Map<String, AccountSettings> byCarrier = new HashMap<>();
        Map<String, ConfigNode> contactUsers = new HashMap<>();
        List<AccountSettings> all = new ArrayList<>();
        for (ConfigNode item : node.asList()) {
            ConfigMap a = item.asMap(KEYS);
            ConfigNode carrierNode = a.required("carrier");
            String carrier = carrierNode.parse(Names::check, "a carrier name");
            if (context.sources().carriers().stream().noneMatch(c -> c.name().equals(carrier))) {
                throw carrierNode.error("carrier '" + carrier + "' is not defined in sources.carriers");
            }
            if (byCarrier.containsKey(carrier)) {
                throw carrierNode.error("carrier '" + carrier + "' already has an account; one per carrier");
            }
            String username = a.required("username").parse(AccountsSection::user, "a user name");
            Optional<String> realm = a.has("realm")
                    ? Optional.of(a.required("realm").asText("a realm")) : Optional.empty();
            Secret password = password(a, item, context.source(), env);
            Optional<RegistrationSettings> registration = Optional.empty();
            if (a.has("registration")) {
                ConfigNode r = a.required("registration");
                RegistrationSettings reg = registration(r, username);
                ConfigNode earlier = contactUsers.putIfAbsent(reg.contactUser(), r);
                if (earlier != null) {
                    throw r.error("contact_user '" + reg.contactUser() + "' is already used by "
                            + earlier.describeLocation() + "; inbound calls could not tell the accounts apart");
                }
                registration = Optional.of(reg);
            }
            AccountSettings account = new AccountSettings(carrier, username, realm, password, registration);
            byCarrier.put(carrier, account);
            all.add(account);
        }
        return new Accounts(all);
    }

    private static Secret password(ConfigMap a, ConfigNode item, Path configFile, Function<String, String> env)
            throws ConfigException {
        if (a.has("password_file") && a.has("password_env")) {
            throw a.blame("password_env").error("set either password_file or password_env, not both");
        }
        if (a.has("password_file")) {
            ConfigNode node = a.required("password_file");
            Path file = AdminSettings.relativeToConfig(configFile, Path.of(node.asText("a file path")));
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException | RuntimeException e) {
                // The exception names the file and why (missing, no permission), nothing of its content.
                throw node.error("cannot read the password file " + file + ": " + e.getClass().getSimpleName());
            }
            try {
                return new Secret(firstLine(bytes, node, "the password file " + file), "file " + file);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        if (a.has("password_env")) {
            ConfigNode node = a.required("password_env");
            String name = node.asText("an environment variable name");
            if (!ENV_NAME.matcher(name).matches()) {
                throw node.error("'" + name + "' is not an environment variable name");
            }
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                throw node.error("the environment variable " + name + " is not set or empty");
            }
            return new Secret(value.toCharArray(), "environment " + name);
        }
        throw item.error("the password comes from password_file or password_env (never from the config file "
                + "itself); set one of them");
    }

    /** The first line, without its line end; refuses an empty or oversized one without saying what it holds. */
    private static char[] firstLine(byte[] bytes, ConfigNode node, String what) throws ConfigException {
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw node.error(what + " is longer than " + MAX_PASSWORD_BYTES + " bytes; it must hold one line");
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw node.error(what + " is not UTF-8 text");
        }
        int end = 0;
        while (end < chars.length() && chars.charAt(end) != '\n' && chars.charAt(end) != '\r') {
            end++;
        }
        char[] line = new char[end];
        chars.get(line, 0, end);
        if (end == 0) {
            throw node.error(what + " is empty; write the password on its first line");
        }
        return line;
    }

    private static RegistrationSettings registration(ConfigNode node, String username) throws ConfigException {
        ConfigMap r = node.asMap(REGISTRATION_KEYS);
        ConfigNode registrarNode = r.required("registrar");
        String registrarText = registrarNode.asText("a SIP URI (" + DestinationUri.FORM + ")");
        DestinationUri uri = registrarNode.parse(DestinationUri::parse, "a SIP URI (" + DestinationUri.FORM + ")");
        java.net.InetAddress address = uri.literal() != null ? uri.literal()
                : DestinationReader.resolve(registrarNode, uri.host());
        ConfigNode aorNode = r.required("aor");
        String aor = aorNode.parse(AccountsSection::aor, "an address of record (sip:user@domain)");
        String contactUser = r.has("contact_user")
                ? r.required("contact_user").parse(AccountsSection::user, "a user name")
                : aor.substring(4, aor.indexOf('@'));
        int expires = r.optionalInt("expires_s", 3600, 10, 86_400);
        return new RegistrationSettings(registrarText, new java.net.InetSocketAddress(address, uri.port()),
                uri.transport(), aor, contactUser, expires);
    }

    static String user(String text) throws InvalidValueException {
        if (!USER.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' is not a SIP user name (1..64 characters, no spaces, "
                    + "'@' or ':')");
        }
        return text;
    }

    static String aor(String text) throws InvalidValueException {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = text.indexOf('@');
        if (!lower.startsWith("sip:") || at < 5 || at == text.length() - 1) {
            throw new InvalidValueException("'" + text + "' is not an address of record; write sip:user@domain");
        }
        user(text.substring(4, at));
        String host = text.substring(at + 1);
        if (IpLiterals.parseIfLiteral(host) == null) {
            HostNames.check(host);
        }
        return text;
    }
}
