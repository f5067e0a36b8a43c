package ugov.bench.flowable;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stock Flowable engine on the given PostgreSQL database, driven closed-loop at each thread count:
 * every call starts one case's process instance (variables stored, routed by category in a service
 * task, waiting at the department's "sign" user task). All thread counts run in one JVM, one after the
 * other, each after its own warm-up (until the JIT has settled, see {@link JitWarmup}), as a
 * long-running engine server would serve them.
 *
 * <p>Prints one JSON object per line on stdout: {@code engine-ready}, then for each thread count
 * {@code window-opened}, {@code window-closed} (the bench reads CPU counters at those two) and
 * {@code result}. Everything else (the engine's warnings) goes to stderr.
 */
public final class FlowablePeer {
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FlowablePeer() {}

  public static void main(String[] args) throws Exception {
    PeerSettings settings;
    try {
      settings = PeerSettings.read(args, System.getenv());
    } catch (PeerSettings.InvalidSettings invalid) {
      System.err.println(invalid.getMessage());
      System.exit(2);
      return;
    }
    DepartmentRouting routing = DepartmentRouting.fromCatalog(settings.catalogFile());
    List<CaseTemplate> cases = CaseTemplate.readJsonLines(settings.casesFile());
    for (CaseTemplate template : cases) {
      if (!routing.knows(template.categoryCode()))
        throw new IllegalArgumentException("a case has category " + template.categoryCode() + ", which the catalog lacks");
    }

    long bootStart = System.nanoTime();
    ProcessEngine engine = buildEngine(settings, routing);
    engine.getRepositoryService().createDeployment().name("ugov bench").addClasspathResource("case-routing.bpmn20.xml").deploy();
    print(event("engine-ready", engineFacts(engine, (System.nanoTime() - bootStart) / 1e9)));

    CaseStarter starter = new CaseStarter(engine.getRuntimeService(), cases);
    for (int threads : settings.threadCounts()) {
      JitWarmup warmup = new JitWarmup(settings.warmupSeconds(), settings.maxWarmupSeconds());
      MeasuredWindow window = new MeasuredWindow(threads, warmup);
      ClosedLoop.Result run = ClosedLoop.run(threads, warmup, settings.measureSeconds(), starter::startCase, window);
      print(resultOf(run, window));
    }
    engine.close();
  }

  /**
   * Flowable's defaults (history level audit, ids in blocks from the database, MyBatis's own pool, no
   * async executor), changed only where the comparison needs it; each change says why.
   */
  private static ProcessEngine buildEngine(PeerSettings settings, DepartmentRouting routing) {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setJdbcUrl(settings.jdbcUrl());
    configuration.setJdbcDriver("org.postgresql.Driver");
    configuration.setJdbcUsername(settings.jdbcUser());
    configuration.setJdbcPassword(settings.jdbcPassword());
    // The bench hands over an empty database; the default ("false") only checks for the tables and fails.
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    // Default pool: 16 active and 8 idle connections. Changed, because with fewer connections than client
    // threads a thread would measure its wait for the pool, not the engine, and with fewer idle than
    // active every connection beyond the idle limit is closed on return and opened again. One more than
    // the threads: the default id generator (DbIdGenerator) takes its next block of 2,500 ids in a
    // transaction of its own while the caller holds its connection and the other threads wait for
    // those ids; with exactly one connection per thread that deadlocks until MyBatis reclaims a
    // connection after 20 s (seen at 32 threads).
    int connections = Math.max(settings.largestThreadCount() + 1, configuration.getJdbcMaxActiveConnections());
    configuration.setJdbcMaxActiveConnections(connections);
    configuration.setJdbcMaxIdleConnections(connections);
    // What ${routeByCategory} in the process resolves to (what Spring's context would do in a Spring application).
    configuration.setBeans(Map.of("routeByCategory", new RouteByCategory(routing)));
    return configuration.buildProcessEngine();
  }

  /** What actually ran, as the engine reports it, so that the bench's report never states a setting from memory. */
  private static Map<String, Object> engineFacts(ProcessEngine engine, double startSeconds) {
    ProcessEngineConfiguration configuration = engine.getProcessEngineConfiguration();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("seconds", startSeconds);
    facts.put("version", ProcessEngine.VERSION);
    facts.put("historyLevel", configuration.getHistoryLevel().getKey());
    facts.put("idGenerator", configuration.getIdGenerator().getClass().getSimpleName());
    facts.put("connections", configuration.getJdbcMaxActiveConnections());
    facts.put("java", Runtime.version().toString());
    return facts;
  }

  /** Announces the window's edges (the bench reads CPU counters then) and notes how the warm-up went and what the JIT did in it. */
  private static final class MeasuredWindow implements ClosedLoop.WindowListener {
    private final int threads;
    private final JitWarmup warmup;
    private double warmupSeconds;
    private boolean jitSettled;
    private double jitCores = Double.NaN;

    MeasuredWindow(int threads, JitWarmup warmup) {
      this.threads = threads;
      this.warmup = warmup;
    }

    @Override
    public void opened() {
      print(event("window-opened", Map.of("threads", threads)));
      warmupSeconds = warmup.seconds();
      jitSettled = warmup.settled();
      warmup.compilerCoresSinceMark();
    }

    @Override
    public void closed() {
      print(event("window-closed", Map.of("threads", threads)));
      jitCores = warmup.compilerCoresSinceMark();
    }
  }

  private static Map<String, Object> resultOf(ClosedLoop.Result run, MeasuredWindow window) {
    LatencySummary latency = LatencySummary.of(run.latenciesNanos());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("threads", run.threads());
    fields.put("warmupSeconds", window.warmupSeconds);
    fields.put("jitSettled", window.jitSettled);
    fields.put("jitCoresMeasured", finiteOrNull(window.jitCores));
    fields.put("measuredSeconds", run.measuredSeconds());
    fields.put("startedPerSecond", run.perSecond());
    fields.put("count", latency.count());
    fields.put("p50Ms", finiteOrNull(latency.p50Ms()));
    fields.put("p95Ms", finiteOrNull(latency.p95Ms()));
    fields.put("p99Ms", finiteOrNull(latency.p99Ms()));
    fields.put("maxMs", finiteOrNull(latency.maxMs()));
    fields.put("meanMs", finiteOrNull(latency.meanMs()));
    // Warm-up included: the bench checks it against the rows in the database.
    fields.put("startedOverall", run.succeededOverall());
    fields.put("failures", run.failures());
    fields.put("firstFailures", run.firstFailures());
    return event("result", fields);
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static Map<String, Object> event(String name, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", name);
    line.putAll(fields);
    return line;
  }

  private static synchronized void print(Map<String, Object> line) {
    OUT.println(JSON.writeValueAsString(line));
  }
}
