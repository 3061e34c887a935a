package dev.hybridrag.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFileTest {

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    @Test
    void readsUtf8MarkdownWithItsHash() throws Exception {
        Path file =
                Files.writeString(Files.createDirectories(root.resolve("notes")).resolve("a.md"), "# Tïtle\n");
        WatchedFile read = WatchedFile.read(root, file, 1000);
        assertThat(read.relativePath()).isEqualTo("notes/a.md");
        assertThat(read.content()).isEqualTo("# Tïtle\n");
        assertThat(read.hash()).hasSize(64);
    }

    @Test
    void refusesFilesItMustNotIngestAndSaysWhy() throws Exception {
        Path big = Files.writeString(root.resolve("big.md"), "x".repeat(2000));
        assertThatThrownBy(() -> WatchedFile.read(root, big, 1000)).hasMessageContaining("over the 1000-byte limit");
        Path latin1 = Files.write(root.resolve("latin1.md"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThatThrownBy(() -> WatchedFile.read(root, latin1, 1000)).hasMessageContaining("not UTF-8");
        Path binary = Files.write(root.resolve("binary.md"), new byte[] {'a', 0, 'b'});
        assertThatThrownBy(() -> WatchedFile.read(root, binary, 1000)).hasMessageContaining("binary");
        Path secret = Files.writeString(elsewhere.resolve("credentials"), "aws_secret_access_key = x");
        Path link = Files.createSymbolicLink(root.resolve("link.md"), secret);
        assertThatThrownBy(() -> WatchedFile.read(root, link, 1000)).hasMessageContaining("outside the watch root");
    }
}
