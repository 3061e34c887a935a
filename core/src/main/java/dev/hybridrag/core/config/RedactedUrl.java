package dev.hybridrag.core.config;

import java.util.regex.Pattern;

/**
 * A URL as it may be logged or shown: credentials written into it ({@code https://user:secret@host}, or a
 * {@code key}, {@code token}, {@code password} or {@code sig} query parameter) replaced by {@code ****}. Base URLs
 * of LLM gateways and proxies carry such credentials often enough that every URL is shown through this.
 */
public final class RedactedUrl {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#\\s]+@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&](?:api[-_]?key|key|token|access[-_]?token|password|secret|sig|signature)=)[^&#\\s]*");

    private RedactedUrl() {}

    public static String of(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        String withoutUser = USER_INFO.matcher(url).replaceFirst("****@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1****");
    }
}
