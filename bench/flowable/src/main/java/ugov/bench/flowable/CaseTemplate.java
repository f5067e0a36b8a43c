package ugov.bench.flowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The matter of one citizen case (what ugov's events carry), reused round-robin; each start gets a new id and number. */
record CaseTemplate(String type, String channel, String description, String categoryCode, String regionCode) {

  /** One JSON object per line, as the bench writes them from the shared sample messages. */
  static List<CaseTemplate> readJsonLines(Path file) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<CaseTemplate> cases =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank())
            .map(json::readTree)
            .map(
                node ->
                    new CaseTemplate(
                        node.path("type").asString(),
                        node.path("channel").asString(),
                        node.path("description").asString(),
                        node.path("categoryCode").asString(),
                        node.path("regionCode").asString()))
            .toList();
    if (cases.isEmpty()) throw new IllegalArgumentException(file + " holds no cases");
    return cases;
  }
}
