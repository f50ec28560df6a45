export { createExtractor, type Extractor, type ExtractorDeps, type RecordReader } from './app.ts';
export { ExtractorConfig, extractorEnv } from './config.ts';
export { type Examination, examinePage, type FetchedBody, pageInputOf } from './examine-page.ts';
export {
  createExaminePool,
  type ExaminePool,
  type ExaminePoolOptions,
  type ExamineTask,
} from './examine-pool.ts';
