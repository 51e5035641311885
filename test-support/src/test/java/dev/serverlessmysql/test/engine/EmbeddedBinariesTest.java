package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBinariesTest {

    @TempDir
    Path cache;

    @Test
    void anUnpackThatLosesTheRaceToAnotherJvmUsesTheWinnersCopy() throws IOException {
        Path winner = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64/bin"));
        Files.writeString(winner.resolve("mariadbd"), "the other JVM's copy");
        Files.writeString(winner.getParent().resolve(".unpacked"), "done");
        Path ours = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64.partial-1/bin"));
        Files.writeString(ours.resolve("mariadbd"), "our copy");

        EmbeddedBinaries.publish(ours.getParent(), winner.getParent());

        assertEquals("the other JVM's copy", Files.readString(winner.resolve("mariadbd")));
    }

    @Test
    void aRenameOntoAHalfFilledFolderStillFails() throws IOException {
        Path stranger = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64/bin"));
        Files.writeString(stranger.resolve("mariadbd"), "not finished: no marker");
        Path ours = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64.partial-1/bin"));
        Files.writeString(ours.resolve("mariadbd"), "our copy");

        assertThrows(IOException.class, () -> EmbeddedBinaries.publish(ours.getParent(), stranger.getParent()));
    }
}
