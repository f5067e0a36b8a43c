package ugov.bench.flowable;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/** The process's service task: sets {@code departmentCode}, which the "sign" task takes as its candidate group. */
final class RouteByCategory implements JavaDelegate {
  private final DepartmentRouting routing;

  RouteByCategory(DepartmentRouting routing) {
    this.routing = routing;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String categoryCode = (String) execution.getVariable("categoryCode");
    String regionCode = (String) execution.getVariable("regionCode");
    execution.setVariable("departmentCode", routing.departmentFor(categoryCode, regionCode));
  }
}
