package dev.hybridrag.query.mcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The last entries of query-service's log, kept in memory for {@code hybridrag_get_logs}. Each entry is tagged with
 * the tenant it is about (the {@code tenant} MDC key, or a tenant among the message's arguments) and a tenant sees
 * only its own, so the log cannot carry one tenant's facts to another. Anything shaped like a credential is masked
 * before it is stored, although the code already keeps secrets out of log messages.
 */
public final class LogBuffer extends AppenderBase<ILoggingEvent> {

    public static final int CAPACITY = 2000;
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(bearer\\s+|api[-_ ]?key[\"']?\\s*[:=]\\s*[\"']?|password[\"']?\\s*[:=]\\s*[\"']?|secret[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;]+"
                    + "|\\bsk-[A-Za-z0-9_-]{8,}");

    /** One stored entry. */
    public record Entry(Instant time, String level, String logger, String message, String tenant) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** Attaches a buffer to the root logger when logback is the logging backend; empty otherwise (a bare test). */
    public static Optional<LogBuffer> install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("mcp-log-buffer") instanceof LogBuffer existing) {
            return Optional.of(existing);
        }
        LogBuffer buffer = new LogBuffer();
        buffer.setName("mcp-log-buffer");
        buffer.setContext(context);
        buffer.start();
        root.addAppender(buffer);
        return Optional.of(buffer);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            message = message + " (" + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage() + ")";
        }
        Entry entry = new Entry(
                Instant.ofEpochMilli(event.getTimeStamp()),
                event.getLevel().toString(),
                event.getLoggerName(),
                mask(message),
                tenantOf(event));
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    /**
     * @param untaggedToo whether entries about no tenant in particular are shown (only when one tenant is served)
     * @return the newest {@code limit} entries that match, oldest first
     */
    public List<Entry> recent(String tenant, boolean untaggedToo, Level minLevel, String searchText, int limit) {
        String needle = searchText.toLowerCase(Locale.ROOT);
        List<Entry> matching = new ArrayList<>();
        synchronized (entries) {
            for (var it = entries.descendingIterator(); it.hasNext() && matching.size() < limit; ) {
                Entry entry = it.next();
                boolean mine = tenant.equals(entry.tenant())
                        || (untaggedToo && entry.tenant().isEmpty());
                if (mine
                        && Level.toLevel(entry.level()).isGreaterOrEqual(minLevel)
                        && (needle.isEmpty()
                                || entry.message().toLowerCase(Locale.ROOT).contains(needle))) {
                    matching.add(entry);
                }
            }
        }
        return matching.reversed();
    }

    static String mask(String message) {
        return SECRETS.matcher(message)
                .replaceAll(
                        match -> Matcher.quoteReplacement(match.group(1) == null ? "****" : match.group(1) + "****"));
    }

    private static String tenantOf(ILoggingEvent event) {
        String tagged = event.getMDCPropertyMap().get("tenant");
        if (tagged != null) {
            return tagged;
        }
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof TenantId id) {
                    return id.value();
                }
                if (argument instanceof TenantConfig tenant) {
                    return tenant.id().value();
                }
            }
        }
        return "";
    }
}
