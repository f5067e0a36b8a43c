import { DomainClassifier, vectorOf } from '../../apps/dispatch/src/domain/classification/domain-model';
import { countFeatures, featuresOf } from '../../apps/dispatch/src/domain/classification/text-features';
import { dictionarySegmenter } from '../../apps/dispatch/src/infra/classification/dictionary-segmenter';
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';
import { readLabelledMessages, shippedTrainingFile } from './labelled-messages';

describe("the classifier's feature index (features by kind and code, no feature strings)", () => {
  const store = new ModelStore();
  const texts = readLabelledMessages(shippedTrainingFile(store.folder)).map((message) => message.text);

  it.each(store.versions())('gives model %s exactly the vectors of its features as training spelled them', (version) => {
    const model = store.read(version);
    const classifier = new DomainClassifier(model, dictionarySegmenter);
    const index = new Map(model.features.map((feature, position) => [feature, position]));
    for (const text of texts) {
      const spelled = vectorOf(countFeatures(featuresOf(text, dictionarySegmenter)), (feature) => index.get(feature), model.idf);
      expect(classifier.vectorOf(text)).toEqual(spelled);
    }
    expect(texts.length).toBeGreaterThan(2000);
  });
});
