package ugov.bench.flowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run is asked to do, from {@code --name value} arguments or else from environment variables
 * ({@code --jdbc-url} or {@code PEER_JDBC_URL}). A missing or wrong setting stops the program with a
 * message that names it, before the engine starts.
 */
record PeerSettings(
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    List<Integer> threadCounts,
    double warmupSeconds,
    double maxWarmupSeconds,
    double measureSeconds,
    Path casesFile,
    Path catalogFile) {

  static final class InvalidSettings extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSettings(List<String> problems) {
      super("invalid settings:\n  " + String.join("\n  ", problems));
    }
  }

  static PeerSettings read(String[] args, Map<String, String> env) {
    Map<String, String> given = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int index = 0; index < args.length; index++) {
      String arg = args[index];
      if (!arg.startsWith("--") || index + 1 == args.length) {
        problems.add("expected --name value pairs, got \"" + arg + "\"");
        break;
      }
      given.put(arg.substring(2), args[++index]);
    }
    Reader reader = new Reader(given, env, problems);
    PeerSettings settings =
        new PeerSettings(
            reader.text("jdbc-url", null),
            reader.text("jdbc-user", "postgres"),
            reader.text("jdbc-password", ""),
            reader.threadCounts("threads", "1,8,32"),
            reader.number("warmup-seconds", "5", 0, 300),
            reader.number("max-warmup-seconds", "60", 0, 600),
            reader.number("seconds", "10", 1, 600),
            reader.file("cases"),
            reader.file("catalog"));
    if (!problems.isEmpty()) throw new InvalidSettings(problems);
    return settings;
  }

  int largestThreadCount() {
    return threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  /** Looks a setting up as {@code --name}, then as {@code PEER_NAME}; records what is wrong with it. */
  private record Reader(Map<String, String> given, Map<String, String> env, List<String> problems) {
    private static String variableOf(String name) {
      return "PEER_" + name.toUpperCase().replace('-', '_');
    }

    String text(String name, String fallback) {
      String value = given.getOrDefault(name, env.get(variableOf(name)));
      if (value != null) return value;
      if (fallback == null) problems.add("--" + name + " (or " + variableOf(name) + ") is required");
      return fallback;
    }

    double number(String name, String fallback, double min, double max) {
      String raw = text(name, fallback);
      try {
        double value = Double.parseDouble(raw);
        if (value >= min && value <= max) return value;
      } catch (NumberFormatException ignored) {
        // reported below
      }
      problems.add("--" + name + ": a number from " + min + " to " + max + ", got \"" + raw + "\"");
      return min;
    }

    List<Integer> threadCounts(String name, String fallback) {
      String raw = text(name, fallback);
      List<Integer> counts = new ArrayList<>();
      for (String part : raw.split(",")) {
        try {
          int count = Integer.parseInt(part.trim());
          if (count >= 1 && count <= 256) {
            counts.add(count);
            continue;
          }
        } catch (NumberFormatException ignored) {
          // reported below
        }
        problems.add("--" + name + ": comma-separated thread counts from 1 to 256, got \"" + raw + "\"");
        return List.of(1);
      }
      return counts;
    }

    Path file(String name) {
      String raw = text(name, null);
      if (raw == null) return null;
      Path path = Path.of(raw);
      if (!Files.isReadable(path)) problems.add("--" + name + ": cannot read " + raw);
      return path;
    }
  }
}
