export * from './jieba';
export * from './dictionary-segmenter';
