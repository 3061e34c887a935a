package dev.hybridrag.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridrag.core.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running fleet's tenants file is edited: added tenants are served, anything else waits for the next start. */
class TenantsFileReloaderTest {

    @TempDir
    Path dir;

    @Test
    void aTenantAddedToTheFileIsServedAndAnnouncedOnce() throws Exception {
        Path file = write("alpha");
        TenantRegistry registry = registry(file);
        List<String> announced = new ArrayList<>();
        registry.onAdded(tenant -> announced.add(tenant.id().value()));
        TenantsFileReloader reloader = new TenantsFileReloader(file, registry);

        reloader.check();
        assertThat(announced).isEmpty(); // unchanged file: not even read

        write("alpha", "beta");
        reloader.check();
        reloader.check();

        assertThat(registry.find("beta")).isPresent();
        assertThat(registry.all()).extracting(t -> t.id().value()).containsExactly("alpha", "beta");
        assertThat(announced).containsExactly("beta");
    }

    @Test
    void aBrokenFileChangesNothing() throws Exception {
        Path file = write("alpha");
        TenantRegistry registry = registry(file);
        TenantsFileReloader reloader = new TenantsFileReloader(file, registry);

        replace(file, "tenants:\n  - id: Not Valid\n");
        reloader.check();

        assertThat(registry.all()).extracting(t -> t.id().value()).containsExactly("alpha");
    }

    @Test
    void removalsWaitForTheNextStart() throws Exception {
        Path file = write("alpha", "beta");
        TenantRegistry registry = registry(file);

        write("beta", "gamma");
        assertThat(registry.reload()).extracting(t -> t.id().value()).containsExactly("gamma");

        assertThat(registry.all()).extracting(t -> t.id().value()).containsExactly("alpha", "beta", "gamma");
    }

    private TenantRegistry registry(Path file) {
        return TenantRegistry.fromEnvironment(new Environment(Map.of("HYBRIDRAG_TENANTS_FILE", file.toString())));
    }

    private Path write(String... ids) throws Exception {
        StringBuilder yaml = new StringBuilder("tenants:\n");
        for (String id : ids) {
            yaml.append("  - id: ")
                    .append(id)
                    .append("\n    watch: [{root: ./inbox/")
                    .append(id)
                    .append("}]\n");
        }
        return replace(dir.resolve("tenants.yaml"), yaml.toString());
    }

    private Path replace(Path file, String yaml) throws Exception {
        Path temporary = Files.writeString(dir.resolve(".tenants.yaml.tmp"), yaml);
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
