import type { Catalog, Category } from '../catalog';
import { routeCase, type CaseToRoute, type RoutingDecision } from '../routing';
import type { DomainClassifier, DomainPrediction } from './domain-model';

/** What the classifier decides for a case that came without a category: a category of its domain, or a human. */
export type TextRouting =
  | { readonly kind: 'classified'; readonly category: Category; readonly prediction: DomainPrediction }
  | { readonly kind: 'triage'; readonly reason: string; readonly prediction: DomainPrediction };

/**
 * Within the predicted domain, the category whose keywords the text mentions most; the domain's first category
 * when none does, since the domain (and so the department) is what the confidence is about.
 */
export function categoryWithinDomain(domain: string, text: string, catalog: Catalog): Category | undefined {
  const candidates = catalog.categories.filter((category) => category.domain === domain);
  const hitsOf = (category: Category) => category.keywords.reduce((hits, keyword) => hits + (text.includes(keyword) ? 1 : 0), 0);
  return candidates.reduce<Category | undefined>(
    (best, category) => (!best || hitsOf(category) > hitsOf(best) ? category : best),
    undefined,
  );
}

export function routeText(text: string, classifier: DomainClassifier, catalog: Catalog): TextRouting {
  const prediction = classifier.classify(text);
  const percent = (prediction.confidence * 100).toFixed(1);
  if (!classifier.isConfident(prediction)) {
    return {
      kind: 'triage',
      reason: `classifier ${classifier.version} is not sure: ${prediction.domain} at ${percent}% is below the ${(classifier.model.threshold * 100).toFixed(1)}% threshold`,
      prediction,
    };
  }
  const category = categoryWithinDomain(prediction.domain, text, catalog);
  if (!category) return { kind: 'triage', reason: `no catalog category serves the domain ${prediction.domain} (${percent}%)`, prediction };
  return { kind: 'classified', category, prediction };
}

export type CaseDecision =
  RoutingDecision | (Omit<Extract<RoutingDecision, { kind: 'assigned' }>, 'basis'> & { readonly basis: 'classifier' });

export interface ClassifiedDecision {
  readonly decision: CaseDecision;
  /** What the classifier said, when it read the description (cases with a category code skip it). */
  readonly prediction?: DomainPrediction;
  readonly classifierVersion?: string;
}

/**
 * How dispatch decides a submitted case: a category code routes through the catalog as given; otherwise the classifier
 * reads the description (replacing keyword matching) and either picks the category, routed through the catalog, or
 * sends the case to a human dispatcher.
 */
export function decideCase(input: CaseToRoute, catalog: Catalog, classifier: DomainClassifier): ClassifiedDecision {
  if (input.categoryCode) return { decision: routeCase(input, catalog) };
  const text = routeText(input.description, classifier, catalog);
  const classified = { prediction: text.prediction, classifierVersion: classifier.version };
  if (text.kind === 'triage') return { ...classified, decision: { kind: 'triage', reason: text.reason } };
  const decision = routeCase({ ...input, categoryCode: text.category.code }, catalog);
  return { ...classified, decision: decision.kind === 'assigned' ? { ...decision, basis: 'classifier' } : decision };
}

export interface TextClassification {
  readonly prediction: DomainPrediction;
  readonly decision: 'auto' | 'triage';
  /** The category within the predicted domain, when the catalog has one. */
  readonly category?: Category;
  readonly departments: readonly { readonly code: string; readonly role: 'lead' | 'co' }[];
}

/**
 * What dispatch would make of a text, for integrators, dispatchers and evaluation: the classifier's domain and
 * confidence, whether that is enough to dispatch automatically, and the catalog's category and department for it.
 */
export function classifyText(text: string, regionCode: string, catalog: Catalog, classifier: DomainClassifier): TextClassification {
  const prediction = classifier.classify(text);
  const category = categoryWithinDomain(prediction.domain, text, catalog);
  const routed = category ? routeCase({ categoryCode: category.code, description: text, regionCode }, catalog) : undefined;
  return {
    prediction,
    decision: category && classifier.isConfident(prediction) ? 'auto' : 'triage',
    category,
    departments: routed?.kind === 'assigned' ? [{ code: routed.department.code, role: 'lead' }] : [],
  };
}
