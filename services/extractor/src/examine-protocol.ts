import type { HtmlBounds } from '@abep/fetcher';
import type { ErrorCode, PageFetchedV1 } from '@abep/schemas';
import type { Examination } from './examine-page.ts';

/** Where a worker finds the LA names pages are attributed to (read once per worker, from the reference data). */
export type ExamineWorkerData = { places: 'none' | { dataDir?: string } };

export interface ExamineRequest {
  id: number;
  message: PageFetchedV1;
  body: Uint8Array;
  contentType: string;
  maxHtmlBytes: number;
  bounds: HtmlBounds;
}

export type WorkerReply =
  | { kind: 'ready' }
  | {
      kind: 'result';
      id: number;
      examination: Omit<Examination, 'failure'>;
      failure?: { code: ErrorCode; message: string; details?: Record<string, unknown>; cause?: string };
    };
