package dev.hybridrag.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hybridrag.core.tenant.ApiKeys;
import dev.hybridrag.core.tenant.ModelSettings;
import dev.hybridrag.core.tenant.TenantConfig;
import dev.hybridrag.core.testing.TestInfrastructure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in Debian's headless Chromium against a running pipeline: documents listed with their status, a
 * question answered as a stream whose references open the source, an entity's neighbourhood drawn and expanded, and
 * a wrong key shown as the API words it. Screenshots go to docs/ui/ (docs/ui.md shows them).
 */
class WebUiIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("ui.screenshots", "../docs/ui"));

    @RegisterExtension
    static final RunningPipeline pipeline =
            RunningPipeline.with(ServiceKind.values()).tenants(WebUiIT::tenants);

    private static Path root;
    private static String baseUrl;
    private static WebDriver browser;

    private static List<TenantConfig> tenants(RunningPipeline pipeline) throws Exception {
        Path notes = Files.createDirectories(pipeline.root().resolve("notes"));
        Files.writeString(
                notes.resolve("events.md"),
                "# Events\n\nKafka carries the file events. Watcher publishes file events to Kafka. Extractor reads"
                        + " from Kafka.\n");
        Files.writeString(
                notes.resolve("storage.md"),
                "# Storage\n\nPostgres stores the chunks. Indexer writes chunks to Postgres. Kafka feeds the"
                        + " Indexer.\n");
        // An image saved as markdown: refused by the watcher, and again on retry.
        Files.write(notes.resolve("diagram.md"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        TenantConfig open = TestInfrastructure.tenant(
                        "notes", pipeline.postgres().settings(), notes, ModelSettings.offline())
                .withWrites(true);
        TenantConfig lockedOpen = TestInfrastructure.tenant(
                "locked",
                pipeline.postgres().settings(),
                Files.createDirectories(pipeline.root().resolve("locked")),
                ModelSettings.offline());
        TenantConfig locked = new TenantConfig(
                lockedOpen.id(),
                lockedOpen.isolation(),
                lockedOpen.postgres(),
                lockedOpen.watch(),
                lockedOpen.models(),
                ApiKeys.of(List.of("locked-key-1")));
        return List.of(open, locked);
    }

    @BeforeAll
    static void start() throws Exception {
        root = pipeline.root();
        baseUrl = pipeline.baseUrl();
        browser = chromium();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void documentsQueryAndGraphWorkInABrowser() throws Exception {
        browser.get(baseUrl + "/ui");
        tab("documents");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    browser.findElement(By.cssSelector("#doc-filter button")).click();
                    assertThat(browser.findElement(By.id("doc-table")).getText())
                            .contains("events.md processed")
                            .contains("storage.md processed");
                });
        screenshot("documents");

        tab("query");
        browser.findElement(By.id("question")).sendKeys("Which component carries the file events?");
        browser.findElement(By.cssSelector("#ask button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("references"), "events.md"));
        assertThat(browser.findElement(By.id("answer")).getText()).contains("Kafka");
        screenshot("query");
        browser.findElement(By.linkText("events.md")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("viewer")));
        assertThat(browser.findElement(By.id("viewer-text")).getText()).contains("Kafka carries the file events");
        screenshot("source");
        browser.findElement(By.cssSelector("#viewer button")).click();

        tab("graph");
        // The graph settles a moment after the documents are processed: search until the entity is there.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    WebElement search = browser.findElement(By.id("entity-q"));
                    search.clear();
                    search.sendKeys("Kafka");
                    browser.findElement(By.cssSelector("#entity-search button")).click();
                    assertThat(browser.findElement(By.cssSelector("#entity-detail h2"))
                                    .getText())
                            .isEqualToIgnoringCase("kafka");
                });
        List<String> drawn = nodes();
        assertThat(drawn).hasSizeGreaterThan(1);
        String neighbour = drawn.stream()
                .filter(name -> !name.equalsIgnoreCase("kafka"))
                .findFirst()
                .orElseThrow();
        ((JavascriptExecutor) browser).executeScript("return window.hybridragGraph.expand(arguments[0])", neighbour);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                        browser.findElement(By.cssSelector("#entity-detail h2")).getText())
                .isEqualToIgnoringCase(neighbour));
        assertThat(nodes()).as("expanding keeps what was drawn").containsAll(drawn);
        assertThat(browser.findElement(By.id("entity-detail")).getText()).contains(".md");
        screenshot("graph");
    }

    @Test
    void documentsArePastedUploadedAndRetriedFromTheDocumentsPage() throws Exception {
        browser.get(baseUrl + "/ui");
        tab("documents");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-add")));
        browser.findElement(By.id("doc-name")).sendKeys("pasted.md");
        browser.findElement(By.id("doc-text")).sendKeys("# Pasted\n\nThe Osprey gateway keeps its sessions.");
        browser.findElement(By.cssSelector("#doc-add button[type=submit]")).click();
        // The form empties once the text is taken; choosing a file before that would be wiped by it.
        wait.until(driver ->
                driver.findElement(By.id("doc-text")).getDomProperty("value").isEmpty());
        Path file = Files.writeString(root.resolve("uploaded.md"), "# Uploaded\n\nThe Tern queue drains nightly.\n");
        browser.findElement(By.id("doc-files")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("#doc-add button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    browser.findElement(By.cssSelector("#doc-filter button")).click();
                    assertThat(browser.findElement(By.id("doc-table")).getText())
                            .contains("uploads/pasted.md processed")
                            .contains("uploads/uploaded.md processed")
                            .contains("diagram.md refused");
                });
        screenshot("documents-added");

        WebElement refused = browser.findElements(By.cssSelector("#doc-table tbody tr")).stream()
                .filter(row -> row.getText().startsWith("diagram.md"))
                .findFirst()
                .orElseThrow();
        refused.findElement(By.xpath(".//button[text()='Retry']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("diagram.md: refused");
    }

    @Test
    void aWrongKeyIsShownAsTheApiWordsIt() throws Exception {
        browser.get(baseUrl + "/ui");
        WebElement key = browser.findElement(By.id("key"));
        key.clear();
        key.sendKeys("not-a-key");
        browser.findElement(By.cssSelector("#access button")).click();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).isEqualTo("this API key opens no tenant");
        screenshot("wrong-key");

        key = browser.findElement(By.id("key"));
        key.clear();
        key.sendKeys("locked-key-1");
        browser.findElement(By.cssSelector("#access button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("tenant"), "locked"));
        key = browser.findElement(By.id("key"));
        key.clear();
        browser.findElement(By.cssSelector("#access button")).click();
    }

    @SuppressWarnings("unchecked")
    private static List<String> nodes() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.hybridragGraph.nodes()");
    }

    private static void tab(String name) {
        browser.findElement(By.cssSelector("nav button[data-tab=" + name + "]")).click();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Debian's chromium and chromedriver, headless, with nothing that reaches for the network on its own. */
    private static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("ui.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,860",
                "--user-data-dir=" + Files.createTempDirectory(root, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
