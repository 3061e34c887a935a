package dev.hybridrag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The idle benchmark's fleet of tenants as a tenants.yaml: many in workspace mode (rows in the benchmark's shared
 * database), some in database mode (a database and role of their own, made by {@code backend init}), each with a
 * watched folder and the fake LLM.
 */
final class IdleTenants {

    private static final String KEY_VARIABLE = "IDLE_FAKE_LLM_KEY";
    private static final String DATABASE_PASSWORD_VARIABLE = "IDLE_DB_PASSWORD";

    private final List<String> workspaceIds = new ArrayList<>();
    private final List<String> databaseIds = new ArrayList<>();
    private final Path inboxes;
    private final String baseUrl;

    IdleTenants(int workspaceTenants, int databaseTenants, Path inboxes, String baseUrl) {
        for (int i = 1; i <= workspaceTenants; i++) {
            workspaceIds.add("w%04d".formatted(i));
        }
        for (int i = 1; i <= databaseTenants; i++) {
            databaseIds.add("idle_db%02d".formatted(i));
        }
        this.inboxes = inboxes;
        this.baseUrl = baseUrl;
    }

    List<String> workspaceIds() {
        return workspaceIds;
    }

    List<String> databaseIds() {
        return databaseIds;
    }

    Path inbox(String id) {
        return inboxes.resolve(id);
    }

    private String yaml(ChaosStack stack) throws IOException {
        StringBuilder out = new StringBuilder("tenants:\n");
        for (String id : workspaceIds) {
            tenant(out, id);
        }
        for (String id : databaseIds) {
            tenant(out, id);
            out.append("    isolation: database\n");
            out.append("    postgres: {host: 127.0.0.1, port: %d, database: %s, user: %s, password_env: %s}\n"
                    .formatted(stack.postgres().port(), id, id, DATABASE_PASSWORD_VARIABLE));
        }
        return out.toString();
    }

    private void tenant(StringBuilder out, String id) throws IOException {
        Files.createDirectories(inbox(id));
        out.append("  - id: ").append(id).append('\n');
        out.append("    watch: [{root: \"").append(inbox(id)).append("\"}]\n");
        ChaosTenants.appendModels(out, baseUrl, KEY_VARIABLE);
    }

    /** The services' settings: this fleet's tenants file and the benchmark's servers. */
    Map<String, String> environment(ChaosStack stack, Path tenantsFile, int queryPort) throws IOException {
        Files.writeString(tenantsFile, yaml(stack));
        Map<String, String> environment = stack.serviceEnvironment(tenantsFile);
        environment.putAll(Map.of(
                "HYBRIDRAG_QUERY_PORT",
                Integer.toString(queryPort),
                DATABASE_PASSWORD_VARIABLE,
                "idle-tenant-password",
                KEY_VARIABLE,
                "fake-key"));
        return environment;
    }
}
