package dev.hybridrag.core.extract.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an answer given in JSON although tuples were asked for: an object with {@code entities}, {@code
 * relationships} and {@code content_keywords} arrays (or their usual synonyms), or a bare array of entity and
 * relation objects. Elements are read one by one, so a cut-off answer keeps every element before the cut.
 */
final class JsonRecords {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();
    /** Where a JSON answer may begin: a brace or bracket opening a line (after a fence, bullet or nothing). */
    private static final Pattern START = Pattern.compile("(?m)^[ \\t>]*([\\[{])");

    private static final int MAX_STARTS = 8;

    private JsonRecords() {}

    /** The records of the first JSON value in the answer that holds any; empty when there is none. */
    static Optional<FactSet> read(String answer) {
        Matcher start = START.matcher(answer);
        for (int tries = 0; tries < MAX_STARTS && start.find(); tries++) {
            FactSet found = new FactSet();
            if (readFrom(answer.substring(start.start(1)), found)) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static boolean readFrom(String json, FactSet facts) {
        JsonElements elements = new JsonElements(facts);
        try (JsonParser parser = LENIENT.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                readObject(parser, elements);
            } else if (first == JsonToken.START_ARRAY) {
                readArray(parser, JsonElements.Section.UNKNOWN, elements);
            }
        } catch (IOException cutOffOrMalformed) {
            // Keep what was read before the damage; an element cut in half was counted as dropped.
        }
        return elements.recognised() > 0;
    }

    private static void readObject(JsonParser parser, JsonElements elements) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonElements.Section section =
                    JsonElements.Section.of(parser.currentName().toLowerCase(Locale.ROOT));
            JsonToken value = parser.nextToken();
            if (section != JsonElements.Section.UNKNOWN) {
                elements.sectionFound();
            }
            if (value == JsonToken.START_ARRAY) {
                readArray(parser, section, elements);
            } else if (value == JsonToken.START_OBJECT && section == JsonElements.Section.UNKNOWN) {
                readObject(parser, elements); // a wrapper such as {"result": {...}}
            } else if (value == JsonToken.VALUE_STRING && section == JsonElements.Section.KEYWORDS) {
                elements.keywords(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void readArray(JsonParser parser, JsonElements.Section section, JsonElements elements)
            throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                JsonNode element;
                try {
                    element = LENIENT.readTree(parser);
                } catch (IOException cutOff) {
                    elements.drop();
                    throw cutOff;
                }
                elements.element(section, element);
            } else if (token.isScalarValue()) {
                elements.scalar(section, parser.getValueAsString(""));
            }
        }
        if (token == null) {
            throw new IOException("array ends early");
        }
    }
}
