import { Worker } from 'node:worker_threads';
import type { HtmlBounds } from '@abep/fetcher';
import type { Logger } from '@abep/logger';
import { pipelineFor } from '@abep/pipelines';
import { AbepError, type PageFetchedV1 } from '@abep/schemas';
import { type Examination, examinedOnlyOf, type FetchedBody } from './examine-page.ts';
import type { ExamineRequest, ExamineWorkerData, WorkerReply } from './examine-protocol.ts';

export interface ExaminePoolOptions {
  /** Worker threads, each reading one page at a time. */
  size: number;
  /** Wall-clock milliseconds one page may take once a worker has it (queueing is not counted). */
  budgetMs: number;
  /** Reference data for place names (the gazetteer's data directory), or none. */
  places: ExamineWorkerData['places'];
  logger: Logger;
  /** Heap a worker may use, in MiB; a page that needs more is stopped like one over its time budget. */
  maxHeapMb?: number;
}

export interface ExamineTask {
  message: PageFetchedV1;
  fetched: FetchedBody;
  maxHtmlBytes: number;
  bounds: HtmlBounds;
}

/**
 * examinePage off the main thread, for the built-in pipelines. A page over its budget has its worker
 * terminated (a synchronous parse cannot be interrupted any other way) and is examined-only with failure
 * EXTRACT_BUDGET_EXCEEDED; the pool replaces the worker. Timers on the main thread (deadlines, heartbeats,
 * consumer-group sessions) keep firing whatever a page costs.
 */
export interface ExaminePool {
  examine(task: ExamineTask): Promise<Examination>;
  /** Stops the workers; pages in flight or queued reject with a retriable INTERNAL (redelivered later). */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
}

interface Job {
  id: number;
  task: ExamineTask;
  resolve(examination: Examination): void;
  reject(error: AbepError): void;
  timer?: NodeJS.Timeout;
}

// Not piscina or tinypool: their cancellation is a caller's AbortSignal, which would count time spent queued
// behind other pages against a page's budget; here the clock starts when a worker takes the page.
export function createExaminePool(options: ExaminePoolOptions): ExaminePool {
  const logger = options.logger.child({ component: 'examine-pool' });
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): void {
    const worker = new Worker(new URL('./examine-worker.ts', import.meta.url), {
      workerData: { places: options.places } satisfies ExamineWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024 },
    });
    // Idle workers do not keep the process alive (a composition that fails to start still exits).
    worker.unref();
    const slot: Slot = { worker, ready: false };
    slots.add(slot);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') {
        slot.ready = true;
      } else if (slot.job?.id === reply.id) {
        const job = slot.job;
        slot.job = undefined;
        worker.unref();
        clearTimeout(job.timer);
        job.resolve({
          ...reply.examination,
          ...(reply.failure
            ? {
                failure: new AbepError(reply.failure.code, reply.failure.message, {
                  ...(reply.failure.details ? { details: reply.failure.details } : {}),
                  ...(reply.failure.cause ? { cause: reply.failure.cause } : {}),
                }),
              }
            : {}),
        });
      }
      dispatch();
    });
    worker.on('error', (err) => {
      // A worker that dies (out of memory, a crash) takes only its page with it.
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        clearTimeout(job.timer);
        const code = (err as { code?: string }).code;
        job.resolve(overBudget(job, code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed', String(err)));
      } else if (!slot.ready) {
        logger.error({ err }, 'extraction worker failed to start');
      }
    });
    worker.on('exit', () => {
      slots.delete(slot);
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        clearTimeout(job.timer);
        job.resolve(overBudget(job, 'crashed', 'worker exited'));
      }
      if (closed) return;
      // One that never started (unreadable reference data, a bad build) is retried gently, not in a loop.
      if (slot.ready) spawn();
      else setTimeout(() => closed || spawn(), 1000).unref();
    });
  }

  function overBudget(job: Job, reason: 'time' | 'memory' | 'crashed', detail?: string): Examination {
    const { message } = job.task;
    const code = reason === 'crashed' ? 'EXTRACT_FAILED' : 'EXTRACT_BUDGET_EXCEEDED';
    const failure = new AbepError(
      code,
      reason === 'time'
        ? `page not read within ${options.budgetMs} ms`
        : reason === 'memory'
          ? 'page needed more memory than a worker has'
          : 'extraction worker crashed',
      {
        details: { url: message.url, reason, budgetMs: options.budgetMs },
        ...(detail ? { cause: detail } : {}),
      },
    );
    return examinedOnlyOf(message, pipelineFor(message.pipeline), { truncated: [], failure });
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.ready || slot.job) continue;
      const job = queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      const { message, fetched, maxHtmlBytes, bounds } = job.task;
      const request: ExamineRequest = {
        id: job.id,
        message,
        body: fetched.body,
        contentType: fetched.contentType,
        maxHtmlBytes,
        bounds,
      };
      job.timer = setTimeout(() => {
        if (slot.job !== job) return;
        slot.job = undefined;
        job.resolve(overBudget(job, 'time'));
        // Out of the pool at once, so no page is given to a thread being stopped; its exit brings a new one.
        slots.delete(slot);
        void slot.worker.terminate();
      }, options.budgetMs);
      slot.worker.postMessage(request);
    }
  }

  for (let i = 0; i < options.size; i++) spawn();

  return {
    examine(task) {
      if (closed) return Promise.reject(closing());
      const { promise, resolve, reject } = Promise.withResolvers<Examination>();
      queue.push({ id: nextId++, task, resolve, reject });
      dispatch();
      return promise;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(closing());
      const workers = [...slots].map((slot) => {
        if (slot.job) {
          clearTimeout(slot.job.timer);
          slot.job.reject(closing());
          slot.job = undefined;
        }
        return slot.worker.terminate();
      });
      await Promise.all(workers);
    },
  };
}

function closing(): AbepError {
  return new AbepError('INTERNAL', 'extraction pool closed; the page is read again on redelivery', {
    retriable: true,
  });
}
