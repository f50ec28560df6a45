import { parentPort, workerData } from 'node:worker_threads';
import { noPlaces, type Places } from '@abep/extraction';
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import { pipelineFor } from '@abep/pipelines';
import { examinePage } from './examine-page.ts';
import type { ExamineRequest, ExamineWorkerData, WorkerReply } from './examine-protocol.ts';

// One page at a time, synchronously: the pool that owns this thread enforces the budget by terminating it.
const data = workerData as ExamineWorkerData;
const places: Places = data.places === 'none' ? noPlaces : placesOf(loadGazetteer(data.places.dataDir));
const port = parentPort;
if (!port) throw new Error('examine-worker runs as a worker thread');

port.on('message', (request: ExamineRequest) => {
  const result = examinePage(
    request.message,
    { body: Buffer.from(request.body), contentType: request.contentType },
    pipelineFor(request.message.pipeline),
    { maxHtmlBytes: request.maxHtmlBytes, bounds: request.bounds, places },
  );
  const { failure, ...rest } = result;
  const reply: WorkerReply = {
    kind: 'result',
    id: request.id,
    examination: rest,
    ...(failure
      ? {
          failure: {
            code: failure.code,
            message: failure.message,
            ...(failure.details ? { details: failure.details } : {}),
            ...(failure.cause !== undefined ? { cause: String(failure.cause) } : {}),
          },
        }
      : {}),
  };
  port.postMessage(reply);
});
port.postMessage({ kind: 'ready' } satisfies WorkerReply);
