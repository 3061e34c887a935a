package dev.hybridrag.query.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.storage.Databases;
import dev.hybridrag.core.storage.WordCounts;
import dev.hybridrag.core.testing.MutableClock;
import dev.hybridrag.core.testing.TestPostgres;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large tenant's common words are counted in the background, so questions stop counting them, and counted again
 * once the counts are old, so words written since weigh as they now should; a small tenant's never need it.
 */
class CommonWordsIT {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final CommonWords commonWords = new CommonWords(clock);
    private final Databases databases = new Databases(2);
    private TestPostgres postgres;
    private DataSource dataSource;

    @BeforeEach
    void start() throws Exception {
        postgres = new TestPostgres();
        dataSource = databases.dataSource(postgres.settings());
        // 600 chunks: "alpha" in every one, "beta" in every fourth, "gamma" in one.
        chunks(
                "big",
                0,
                600,
                "'alpha ' || CASE WHEN i % 4 = 0 THEN 'beta ' ELSE '' END"
                        + " || CASE WHEN i = 7 THEN 'gamma' ELSE '' END");
        chunks("small", 0, 300, "'alpha beta'");
    }

    @AfterEach
    void stop() throws Exception {
        databases.close();
        postgres.close();
    }

    @Test
    void aLargeTenantsCommonWordsAreCountedAheadAndAgainWhenOld() throws Exception {
        assertThat(commonWords.of(dataSource, "big", "chunks", 600).common())
                .as("nothing known before the first count has run: the question counts its words")
                .isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !commonWords
                .of(dataSource, "big", "chunks", 600)
                .common()
                .isEmpty());
        WordCounts counted = commonWords.of(dataSource, "big", "chunks", 600);
        assertThat(counted.common()).containsEntry("alpha", 600).containsEntry("beta", 150);
        assertThat(counted.common()).as("rare words are counted when asked").doesNotContainKey("gamma");

        chunks("big", 600, 800, "'beta'");
        assertThat(commonWords.of(dataSource, "big", "chunks", 800).common())
                .as("a count under ten minutes old stands")
                .containsEntry("beta", 150);

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> commonWords
                                .of(dataSource, "big", "chunks", 800)
                                .common()
                                .get("beta")
                        == 350);
    }

    @Test
    void aSmallTenantsWordsAreAlwaysCountedWhenAsked() throws Exception {
        assertThat(commonWords.of(dataSource, "small", "chunks", 300)).isEqualTo(WordCounts.countedWhenAsked(300));
        Thread.sleep(500);
        assertThat(commonWords.of(dataSource, "small", "chunks", 300).common()).isEmpty();
    }

    @Test
    void aCountThatFailsIsTriedAgainWhenDueNotByEveryQuestion() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DataSource unreachable = new UnreachableDatabase(attempts);

        for (int question = 0; question < 20; question++) {
            assertThat(commonWords.of(unreachable, "big", "chunks", 600).common())
                    .isEmpty();
            Thread.sleep(20);
        }
        assertThat(attempts).as("one attempt for twenty questions").hasValue(1);

        clock.advance(Duration.ofMinutes(11));
        commonWords.of(unreachable, "big", "chunks", 600);
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() == 2);
    }

    /** A database that refuses every connection, counting the attempts. */
    private record UnreachableDatabase(AtomicInteger attempts) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            throw new SQLException("connection refused");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    private void chunks(String workspace, int from, int to, String content) throws Exception {
        try (Connection connection = postgres.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO documents (workspace, path, content_hash, size_bytes, mtime, version, status)"
                    + " VALUES ('" + workspace + "', 'notes" + from + ".md', 'h', 10, now(), 1, 'processed')");
            sql.execute("INSERT INTO chunks (workspace, path, chunk_id, chunk_index, content, tokens,"
                    + " embedding_model, embedding_dim, embedding) SELECT '" + workspace + "', 'notes" + from
                    + ".md', 'c' || i, i, " + content + ", 5, 'm', 3, '[0.1,0.2,0.3]'"
                    + " FROM generate_series(" + from + ", " + to + " - 1) AS i");
        }
    }
}
