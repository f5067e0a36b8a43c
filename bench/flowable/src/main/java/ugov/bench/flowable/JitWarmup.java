package ugov.bench.flowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A warm-up that lasts at least its minimum, then until the JIT has settled: its compiler threads used
 * under 5 % of a core in each of the last three seconds; at most its maximum. A measured run before
 * that pays for compiling, in CPU and in latency, and every change of thread count sets the JIT
 * compiling again (seen: half a core of C2 for seconds after going from 32 threads to 1). Read from
 * /proc, as the bench reads CPU: the JVM's own compilation-time counter moves only when a compilation
 * ends, and one big C2 compilation on a busy machine can take seconds.
 */
final class JitWarmup implements ClosedLoop.Warmup {
  /** Linux's USER_HZ: /proc counts CPU time in these ticks. */
  private static final double TICKS_PER_SECOND = 100;

  private static final double QUIET_CORES = 0.05;
  private static final int QUIET_SECONDS_NEEDED = 3;
  private static final Path TASKS = Path.of("/proc/self/task");

  private final long startedNanos = System.nanoTime();
  private final double minSeconds;
  private final double maxSeconds;
  private Map<String, Long> ticksByCompilerThread = compilerThreadTicks();
  private long markedNanos = startedNanos;
  private int quietSeconds;

  JitWarmup(double minSeconds, double maxSeconds) {
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
  }

  @Override
  public boolean isOver() {
    quietSeconds = compilerCoresSinceMark() < QUIET_CORES ? quietSeconds + 1 : 0;
    double seconds = seconds();
    return seconds >= maxSeconds || (seconds >= minSeconds && settled());
  }

  boolean settled() {
    return quietSeconds >= QUIET_SECONDS_NEEDED;
  }

  double seconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** Cores the JIT's compiler threads kept busy since the last call (or since the warm-up began). */
  double compilerCoresSinceMark() {
    Map<String, Long> now = compilerThreadTicks();
    long ticks = 0;
    // A compiler thread born since the last look counts from zero; one that ended counts no more.
    for (Map.Entry<String, Long> thread : now.entrySet()) ticks += thread.getValue() - ticksByCompilerThread.getOrDefault(thread.getKey(), 0L);
    long nowNanos = System.nanoTime();
    double cores = ticks / TICKS_PER_SECOND / Math.max(1e-3, (nowNanos - markedNanos) / 1e9);
    ticksByCompilerThread = now;
    markedNanos = nowNanos;
    return cores;
  }

  /** user + system ticks of each of the JVM's compiler threads ("C1 CompilerThre", "C2 CompilerThre"), by thread id. */
  private static Map<String, Long> compilerThreadTicks() {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> threads = Files.list(TASKS)) {
      threads.forEach(
          thread -> {
            try {
              if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) return;
              String stat = Files.readString(thread.resolve("stat"));
              // The name may hold spaces and parentheses; the fields after the last ')' start at field 3.
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
              ticks.put(thread.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException gone) {
              // The thread ended while being read.
            }
          });
    } catch (IOException unreadable) {
      throw new IllegalStateException("cannot read " + TASKS + ": the peer needs Linux's /proc to tell when the JIT has settled", unreadable);
    }
    return ticks;
  }
}
