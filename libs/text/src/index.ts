export * from './jieba';
