package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A corpus cut into pieces at paragraph breaks and shared out among tenants, so each ingests different text. */
final class CorpusPieces {

    private CorpusPieces() {}

    /** Piece {@code k} of the corpus goes to tenant {@code k % tenants}. */
    static List<List<String>> shareOut(Path corpus, int tenants, int pieceChars) throws IOException {
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            shares.add(new ArrayList<>());
        }
        int next = 0;
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (String piece : cut(Files.readString(file), pieceChars)) {
                    shares.get(next++ % tenants).add(piece);
                }
            }
        }
        return shares;
    }

    private static List<String> cut(String text, int pieceChars) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String paragraph : text.split("\n\n")) {
            if (piece.length() > 0 && piece.length() + paragraph.length() > pieceChars) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            piece.append(paragraph).append("\n\n");
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** Writes the pieces as markdown files the way editors save: a temporary file, then a rename. */
    static void write(List<String> pieces, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < pieces.size(); i++) {
            Path temporary = folder.resolve("piece-%03d.md.tmp".formatted(i));
            Files.writeString(temporary, pieces.get(i));
            Files.move(
                    temporary,
                    folder.resolve("piece-%03d.md".formatted(i)),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
