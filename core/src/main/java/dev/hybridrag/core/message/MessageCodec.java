package dev.hybridrag.core.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * JSON encoding of Kafka message values. Unknown fields are ignored so that newer producers can add fields
 * without breaking older consumers. Vectors ({@code float[]}) are written as base64 of their little-endian float32
 * bytes, exact and less than half the size of decimal numbers (a document's extraction must fit one Kafka
 * message); arrays of numbers, as older messages hold them, are still read.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("vectors")
                    .addSerializer(float[].class, new VectorSerializer())
                    .addDeserializer(float[].class, new VectorDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MessageCodec() {}

    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** @throws MalformedMessageException when the bytes are not a valid message of that type */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new MalformedMessageException("empty " + type.getSimpleName() + " message");
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedMessageException(
                    "malformed " + type.getSimpleName() + " message: " + firstLine(e.getMessage()), e);
        }
    }

    /** The bytes a vector takes in a message, quotes included. */
    public static long vectorBytes(int dimension) {
        return 4L * ((4L * dimension + 2) / 3) + 2;
    }

    private static final class VectorSerializer extends StdSerializer<float[]> {
        VectorSerializer() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] vector, JsonGenerator json, SerializerProvider provider) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(vector);
            json.writeBinary(bytes.array());
        }
    }

    private static final class VectorDeserializer extends StdDeserializer<float[]> {
        VectorDeserializer() {
            super(float[].class);
        }

        @Override
        public float[] deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (json.currentToken() == JsonToken.VALUE_STRING) {
                byte[] bytes = json.getBinaryValue();
                if (bytes.length % 4 != 0) {
                    return (float[]) context.handleWeirdStringValue(
                            float[].class, json.getText(), "%d bytes are no float32 vector", bytes.length);
                }
                FloatBuffer floats =
                        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] vector = new float[floats.remaining()];
                floats.get(vector);
                return vector;
            }
            if (json.currentToken() != JsonToken.START_ARRAY) {
                return (float[]) context.handleUnexpectedToken(float[].class, json);
            }
            float[] vector = new float[16];
            int size = 0;
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (!token.isNumeric()) {
                    return (float[]) context.handleUnexpectedToken(float.class, json);
                }
                if (size == vector.length) {
                    vector = Arrays.copyOf(vector, 2 * size);
                }
                vector[size++] = json.getFloatValue();
            }
            return Arrays.copyOf(vector, size);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
