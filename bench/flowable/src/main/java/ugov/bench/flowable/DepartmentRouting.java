package ugov.bench.flowable;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Category → responsible department, read from ugov's dispatch catalog (the same file dispatch routes
 * with): a region's own department wins, else the category's default, as in dispatch's routing rule.
 */
final class DepartmentRouting {
  private record Departments(String byDefault, Map<String, String> byRegion) {}

  private final Map<String, Departments> byCategory;

  private DepartmentRouting(Map<String, Departments> byCategory) {
    this.byCategory = byCategory;
  }

  static DepartmentRouting fromCatalog(Path catalogFile) {
    JsonNode catalog = JsonMapper.builder().build().readTree(catalogFile.toFile());
    Map<String, Departments> byCategory = new HashMap<>();
    for (JsonNode category : catalog.path("categories")) {
      JsonNode departments = category.path("departments");
      Map<String, String> byRegion = new HashMap<>();
      departments.path("byRegion").properties().forEach(entry -> byRegion.put(entry.getKey(), entry.getValue().asString()));
      byCategory.put(category.path("code").asString(), new Departments(departments.path("default").asString(), byRegion));
    }
    if (byCategory.isEmpty()) throw new IllegalArgumentException(catalogFile + " lists no categories");
    return new DepartmentRouting(byCategory);
  }

  boolean knows(String categoryCode) {
    return byCategory.containsKey(categoryCode);
  }

  /** A street code (9 digits) falls back to its district (first 6), as in dispatch. */
  String departmentFor(String categoryCode, String regionCode) {
    Departments departments = byCategory.get(categoryCode);
    if (departments == null) throw new IllegalArgumentException("category " + categoryCode + " is not in the catalog");
    String region = regionCode == null ? "" : regionCode;
    String own = departments.byRegion().get(region);
    if (own == null && region.length() > 6) own = departments.byRegion().get(region.substring(0, 6));
    return own != null ? own : departments.byDefault();
  }
}
