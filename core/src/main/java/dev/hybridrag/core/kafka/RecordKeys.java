package dev.hybridrag.core.kafka;

import dev.hybridrag.core.message.DocumentKey;
import dev.hybridrag.core.message.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The wall between a record's key and its body. Producers always key a record by the document its body names;
 * a record whose key names another (a forged record, or one written by hand into the wrong tenant) is never
 * applied, so whoever can write one tenant's keys cannot reach another tenant's rows through the body.
 */
public final class RecordKeys {

    private RecordKeys() {}

    /** @throws MalformedMessageException when the key is not {@code body.tenant()/body.path()} */
    public static void requireMatches(ConsumerRecord<String, ?> record, DocumentKey body) {
        if (!matches(record, body)) {
            String key = record.key() == null ? "(none)" : record.key();
            String keyTenant = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
            throw new MalformedMessageException("the record's key names tenant '" + shown(keyTenant)
                    + "' and its body tenant '" + body.tenant() + "' (key " + shown(key) + ", body "
                    + body.asString() + "): refused, a record is applied only to the tenant both name");
        }
    }

    /** Whether the record's key names the document its body names: only then may its failure be recorded there. */
    public static boolean matches(ConsumerRecord<String, ?> record, DocumentKey body) {
        return body.asString().equals(record.key());
    }

    // A key is whatever a producer sent: shown cut short, and without control characters that could forge log lines.
    private static String shown(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
