package ugov.bench.flowable;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.flowable.engine.RuntimeService;

/** Starts one process instance per case, with the case's fields as process variables, as an integration would. */
final class CaseStarter {
  static final String PROCESS_KEY = "caseRouting";

  private final RuntimeService runtimeService;
  private final List<CaseTemplate> cases;
  private final AtomicLong sequence = new AtomicLong();
  private final String trackingPrefix = "UG" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);

  CaseStarter(RuntimeService runtimeService, List<CaseTemplate> cases) {
    this.runtimeService = runtimeService;
    this.cases = cases;
  }

  /** Returns once the instance is committed, waiting at the department's "sign" task. */
  void startCase() {
    long number = sequence.incrementAndGet();
    CaseTemplate template = cases.get((int) (number % cases.size()));
    // Like intake's tracking numbers (UG + date + sequence); the business key is how a department would look it up.
    String trackingNumber = String.format("%s%06d", trackingPrefix, number);
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", UUID.randomUUID().toString());
    variables.put("trackingNumber", trackingNumber);
    variables.put("type", template.type());
    variables.put("channel", template.channel());
    variables.put("description", template.description());
    variables.put("categoryCode", template.categoryCode());
    variables.put("regionCode", template.regionCode());
    variables.put("submittedAt", new Date());
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, trackingNumber, variables);
  }
}
