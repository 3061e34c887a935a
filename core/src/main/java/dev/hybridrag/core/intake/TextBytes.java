package dev.hybridrag.core.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes a door was handed (a watched file, an upload), taken as a document's text only when they are text: strict
 * UTF-8 and no NUL byte. The reasons are the ones a refused document's row shows, whatever door it came through.
 */
public final class TextBytes {

    private TextBytes() {}

    /** @throws NotTextException naming why these bytes are not taken */
    public static String decode(byte[] bytes) throws NotTextException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotTextException("file is not UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new NotTextException("file looks binary (it contains NUL bytes)");
        }
        return text;
    }

    /** Content that is not taken as text; the message is the reason, as a refused document's row records it. */
    public static final class NotTextException extends Exception {
        NotTextException(String reason) {
            super(reason);
        }
    }
}
