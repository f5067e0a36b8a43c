import type { Catalog, Category } from '../catalog';
import { categoryByKeywords, routeCase, type CaseToRoute, type PlannedAssignment, type RoutingDecision } from '../routing';
import type { DomainClassifier, DomainPrediction } from './domain-model';

/**
 * Within the predicted domain, the category whose keywords the text mentions most (ties go to the one listed
 * first); none when the text names none of them, and then the domain's default category answers.
 */
export function categoryWithinDomain(domain: string, text: string, catalog: Catalog): Category | undefined {
  const served = catalog.domain(domain);
  return served && categoryByKeywords(text, catalog, (category) => catalog.domainOf(category).code === served.code);
}

/**
 * Routes a domain the classifier predicted: to the category of that domain the text names, else to the domain's
 * default category, and by the case's location to the department(s) of its jurisdiction. The basis is `domain`.
 */
export function routeDomain(domain: string, input: CaseToRoute, catalog: Catalog): RoutingDecision {
  const category = categoryWithinDomain(domain, input.description, catalog);
  if (!category) return routeCase({ description: input.description, location: input.location, domain }, catalog);
  const decision = routeCase({ description: input.description, location: input.location, categoryCode: category.code }, catalog);
  return decision.kind === 'assigned' ? { ...decision, basis: 'domain' } : decision;
}

export interface ClassifiedDecision {
  readonly decision: RoutingDecision;
  /** What the classifier said, when it read the description (cases with a category code skip it). */
  readonly prediction?: DomainPrediction;
  readonly classifierVersion?: string;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * How dispatch decides a submitted case: a category code routes through the catalog as given; otherwise the
 * classifier reads the description (instead of keyword matching). At or above the model's threshold its domain is
 * routed through the catalog; below it, or when the catalog cannot route that domain, a human dispatcher decides,
 * with the classifier's suggestion in the reason.
 */
export function decideCase(input: CaseToRoute, catalog: Catalog, classifier: DomainClassifier): ClassifiedDecision {
  if (input.categoryCode) return { decision: routeCase(input, catalog) };
  const prediction = classifier.classify(input.description);
  const classified = { prediction, classifierVersion: classifier.version };
  const guess = `${prediction.domain} at ${percent(prediction.confidence)}`;
  if (!classifier.isConfident(prediction)) {
    const measured =
      classifier.model.thresholdOn === 'margin' ? `${guess}, ${percent(prediction.margin)} ahead of the next domain,` : guess;
    const reason = `classifier ${classifier.version} is not sure: ${measured} is below the ${percent(classifier.model.threshold)} threshold`;
    return { ...classified, decision: { kind: 'triage', reason } };
  }
  const decision = routeDomain(prediction.domain, input, catalog);
  if (decision.kind === 'triage')
    return {
      ...classified,
      decision: { kind: 'triage', reason: `classifier ${classifier.version} says ${guess}, but ${decision.reason}` },
    };
  return { ...classified, decision };
}

export interface TextClassification {
  readonly prediction: DomainPrediction;
  readonly decision: 'auto' | 'triage';
  /** The category the predicted domain routes to, when the catalog serves the domain. */
  readonly category?: Category;
  /** Leads first, then co-handlers, then copies; none when the catalog cannot route the domain. */
  readonly departments: readonly PlannedAssignment[];
  readonly regionCode?: string;
}

/**
 * What dispatch would make of a text, for integrators, dispatchers and evaluation: the classifier's domain and
 * confidence, whether that is enough to dispatch automatically, and the departments the catalog routes it to.
 */
export function classifyText(
  text: string,
  location: CaseToRoute['location'],
  catalog: Catalog,
  classifier: DomainClassifier,
): TextClassification {
  const prediction = classifier.classify(text);
  const routed = routeDomain(prediction.domain, { description: text, location }, catalog);
  if (routed.kind !== 'assigned') return { prediction, decision: 'triage', departments: [] };
  return {
    prediction,
    decision: classifier.isConfident(prediction) ? 'auto' : 'triage',
    category: routed.category,
    departments: routed.assignments,
    regionCode: routed.jurisdiction.region.code,
  };
}
