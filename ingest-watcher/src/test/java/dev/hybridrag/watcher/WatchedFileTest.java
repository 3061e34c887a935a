package dev.hybridrag.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        Path loop = root.resolve("loop.md");
        Files.createSymbolicLink(loop, root.resolve("loop2.md"));
        Files.createSymbolicLink(root.resolve("loop2.md"), loop);
        assertThatThrownBy(() -> WatchedFile.read(root, loop, 1000)).hasMessageContaining("symbolic link loop");
        Path dangling = Files.createSymbolicLink(root.resolve("dangling.md"), root.resolve("missing.md"));
        assertThatThrownBy(() -> WatchedFile.read(root, dangling, 1000)).hasMessageContaining("does not exist");
        Path fifo = root.resolve("pipe.md");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertThatThrownBy(() -> WatchedFile.read(root, fifo, 1000)).hasMessageContaining("not a regular file");
    }

    @Test
    void aFileThatVanishedIsGoneNotRefused() {
        assertThatThrownBy(() -> WatchedFile.read(root, root.resolve("never.md"), 1000))
                .isInstanceOf(NoSuchFileException.class);
    }
}
