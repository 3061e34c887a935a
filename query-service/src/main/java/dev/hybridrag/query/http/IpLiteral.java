package dev.hybridrag.query.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP addresses as written in a Host header or reported by the server, parsed without ever asking DNS about a name. */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9a-f:.]*:[0-9a-f:.]*(%[0-9a-z]+)?)]?");

    private IpLiteral() {}

    /** Whether {@code host} (a Host header's host part, lower-cased) and {@code address} are one IP address. */
    static boolean same(String host, String address) {
        Optional<InetAddress> named = parse(host);
        return named.isPresent() && named.equals(parse(address));
    }

    /** The address an IPv4 or IPv6 literal (brackets allowed) stands for; empty for a name or anything malformed. */
    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.toLowerCase(java.util.Locale.ROOT);
        try {
            var v4 = IPV4.matcher(literal);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            var v6 = IPV6.matcher(literal);
            // With a colon in it getByName parses the text as an IPv6 literal and never asks a resolver.
            return v6.matches() ? Optional.of(InetAddress.getByName(v6.group(1))) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
